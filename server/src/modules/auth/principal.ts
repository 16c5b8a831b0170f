/**
 * Who is calling and what they may do, as resolved once per HTTP request or WebSocket operation by
 * `authenticator.ts` and read by `RequireScope`, the read check and the `/auth` routes.
 */
import { SCOPES, type RoleName, type Scope } from './scopes.js';

/**
 * - `open`: the API is not protected (no API_KEY, no keys, no users): anyone may do anything.
 * - `anonymous`: protected, and no credentials were presented.
 * - `invalid`: credentials were presented but are unknown, revoked or expired.
 * - `admin-key`: the API_KEY; `api-key`: a key made with the keys CLI; `user`: a signed-in session.
 */
export type PrincipalKind = 'open' | 'anonymous' | 'invalid' | 'admin-key' | 'api-key' | 'user';

export interface Principal {
  kind: PrincipalKind;
  scopes: ReadonlySet<Scope>;
  /** Key name or email, for messages and logs. */
  label: string;
  /** A user's role. */
  role?: RoleName;
  /** The rate-limit bucket: the key, the user, or the address of an anonymous caller. */
  rateKey: string;
}

const ALL: ReadonlySet<Scope> = new Set(SCOPES);
const NONE: ReadonlySet<Scope> = new Set();

export const openPrincipal = (ip: string): Principal => ({
  kind: 'open',
  scopes: ALL,
  label: 'anyone',
  rateKey: `ip:${ip}`,
});
export const anonymousPrincipal = (ip: string): Principal => ({
  kind: 'anonymous',
  scopes: NONE,
  label: 'anonymous',
  rateKey: `ip:${ip}`,
});
export const invalidPrincipal = (ip: string): Principal => ({
  kind: 'invalid',
  scopes: NONE,
  label: 'invalid credentials',
  rateKey: `ip:${ip}`,
});
export const adminKeyPrincipal = (): Principal => ({
  kind: 'admin-key',
  scopes: ALL,
  label: 'API_KEY',
  role: 'admin',
  rateKey: 'admin-key',
});

/** What `/auth/session` tells the web app about a caller (nothing secret). */
export function describePrincipal(principal: Principal) {
  return {
    kind: principal.kind,
    name: principal.label,
    role: principal.role ?? null,
    scopes: [...principal.scopes],
  };
}
