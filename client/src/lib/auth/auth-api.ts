/**
 * Server side only: the web app's calls to the API's `/auth` routes (server/src/modules/auth/auth.routes.ts)
 * for its users — is sign-in needed and who is this session, sign in, sign out, mint a WebSocket ticket.
 * The session token travels only between this server and the API, and in the httpOnly cookie.
 */
import { readProxyConfig } from '../runtime-config';

/** Who the browser's session is, as the API sees it. */
export interface Viewer {
  /** The API needs credentials (API_KEY, keys or users exist); false: anyone may do anything. */
  protected: boolean;
  /** The signed-in user, or null. */
  user: { email: string; role: string } | null;
  /** What this browser may do: read, predict, train, import. */
  scopes: string[];
}

const authUrl = (path: string) => new URL(`/auth/${path}`, readProxyConfig().apiUrl);
const bearer = (token?: string): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};
const TIMEOUT_MS = 10_000;

/** @returns null when the API cannot be reached (the pages show that themselves). */
export async function fetchViewer(token: string | undefined): Promise<Viewer | null> {
  try {
    const res = await fetch(authUrl('session'), {
      headers: bearer(token),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return null;
    const body = (await res.json()) as {
      protected: boolean;
      principal: { kind: string; name: string; role: string | null; scopes: string[] };
    };
    const { principal } = body;
    const user = principal.kind === 'user' ? { email: principal.name, role: principal.role ?? '' } : null;
    return { protected: body.protected, user, scopes: principal.scopes };
  } catch {
    return null;
  }
}

export type SignInResult =
  | { ok: true; token: string; expiresAt: string }
  | { ok: false; reason: 'invalid' | 'rate_limited' | 'unreachable'; retryAfter?: number };

export async function signIn(email: string, password: string): Promise<SignInResult> {
  try {
    const res = await fetch(authUrl('sessions'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (res.status === 201) {
      const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string };
      return { ok: true, token, expiresAt };
    }
    if (res.status === 429)
      return { ok: false, reason: 'rate_limited', retryAfter: Number(res.headers.get('retry-after')) };
    return { ok: false, reason: res.status >= 500 ? 'unreachable' : 'invalid' };
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
}

/** Ends the session at the API (best effort: the cookie is deleted either way). */
export async function signOut(token: string): Promise<void> {
  await fetch(authUrl('sessions/current'), {
    method: 'DELETE',
    headers: bearer(token),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  }).catch(() => undefined);
}

/** A one-use graphql-ws ticket for the session, or null (no session, signed out, API away). */
export async function mintTicket(token: string): Promise<string | null> {
  try {
    const res = await fetch(authUrl('ws-tickets'), {
      method: 'POST',
      headers: bearer(token),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return res.status === 201 ? ((await res.json()) as { ticket: string }).ticket : null;
  } catch {
    return null;
  }
}
