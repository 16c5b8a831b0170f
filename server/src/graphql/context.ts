/**
 * The GraphQL context of HTTP requests and WebSocket operations: the services and the caller's
 * `Principal` (who they are, what they may do), resolved per HTTP request by app.ts and per WebSocket
 * operation by ws-auth.ts.
 */
import type { Principal } from '../modules/auth/principal.js';
import type { Services } from '../services.js';

export interface Context {
  services: Services;
  /** Who is calling; `RequireScope` and the read check decide from its scopes. */
  principal: Principal;
}

/** The secret an HTTP request presents: `Authorization: Bearer <token>`, else `x-api-key`. */
export function tokenFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const key = headers['x-api-key'];
  return typeof key === 'string' ? key : undefined;
}
