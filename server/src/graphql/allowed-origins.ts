/**
 * `api.allowed_origins` applied to browsers: CORS for HTTP (app.ts) and the Origin check of WebSocket
 * upgrades (ws-server.ts). A WebSocket is not covered by CORS, so without this check any web page could
 * open one and, on an API without credentials, train. Clients that send no Origin (servers, CLIs) and
 * the API's own pages (the playground: Origin host = Host) are always allowed.
 */
import type { CorsOptions } from 'cors';

/**
 * Whether a WebSocket upgrade from `origin` may proceed.
 * @param host the request's Host header.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  allowed: readonly string[],
  host: string | undefined,
): boolean {
  if (!origin) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (sandboxed frames, file:) and garbage
  }
}

/** The `cors` options for the GraphQL path: the listed origins (any with `*`), none when the list is empty. */
export function corsOptions(allowed: readonly string[]): CorsOptions {
  return { origin: allowed.includes('*') ? true : [...allowed], maxAge: 600 };
}
