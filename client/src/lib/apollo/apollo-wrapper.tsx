'use client';
/**
 * Apollo Client for the App Router (client components): one client per browser tab, one per SSR request.
 * The root layout passes the runtime config in; the WebSocket URL is resolved against the page's location.
 */
import { ApolloClient, ApolloNextAppProvider, InMemoryCache } from '@apollo/client-integration-nextjs';
import type { ReactNode } from 'react';
import { resolvePublicUrls, type PublicConfig } from '../runtime-config';
import { createBrowserLink, createServerLink } from './links';

function makeClient(config: PublicConfig) {
  const link =
    typeof window === 'undefined'
      ? createServerLink()
      : createBrowserLink(resolvePublicUrls(config, window.location).wsUrl);
  return new ApolloClient({
    cache: new InMemoryCache({
      typePolicies: {
        // Connections are fetched page by page (cursor in the arguments): keep each page as its own entry.
        RunConnection: { keyFields: false },
      },
    }),
    link,
  });
}

export function ApolloWrapper({ config, children }: { config: PublicConfig; children: ReactNode }) {
  return <ApolloNextAppProvider makeClient={() => makeClient(config)}>{children}</ApolloNextAppProvider>;
}
