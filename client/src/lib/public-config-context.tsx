'use client';
/**
 * The runtime config (see runtime-config.ts) for client components that build links to the API
 * (playground, evaluation plots): `usePublicUrls()` resolves it against the page's location.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { resolvePublicUrls, type PublicConfig } from './runtime-config';

const PublicConfigContext = createContext<PublicConfig | null>(null);

export function PublicConfigProvider({ config, children }: { config: PublicConfig; children: ReactNode }) {
  return <PublicConfigContext.Provider value={config}>{children}</PublicConfigContext.Provider>;
}

const noSubscribe = () => () => {};

/** Absolute API URLs for links; null during SSR (the page's hostname is only known in the browser). */
export function usePublicUrls() {
  const config = useContext(PublicConfigContext);
  const hostname = useSyncExternalStore(
    noSubscribe,
    () => `${window.location.protocol}//${window.location.hostname}`,
    () => null,
  );
  if (!config || !hostname) return null;
  const [protocol, host] = hostname.split('//') as [string, string];
  return resolvePublicUrls(config, { protocol, hostname: host });
}
