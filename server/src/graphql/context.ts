/**
 * The GraphQL context of HTTP requests and WebSocket operations: the services and whether the caller
 * presented the API key. Built per request (HTTP) or per connection (graphql-ws `connection_init`).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Services } from '../services.js';

export interface Context {
  services: Services;
  /** True when no API key is configured, or the caller presented it. */
  authenticated: boolean;
}

/** Compares keys in constant time (a timing side channel must not reveal the key). */
export function isValidApiKey(expected: string | undefined, presented: unknown): boolean {
  if (!expected) return true;
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The key an HTTP request presents: `Authorization: Bearer <key>` or `x-api-key`. */
export function apiKeyFromHeaders(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const key = headers['x-api-key'];
  return typeof key === 'string' ? key : undefined;
}

/** Builds a context for a presented key (undefined when none). */
export function makeContext(services: Services, presentedKey: unknown): Context {
  return { services, authenticated: isValidApiKey(services.config.api.apiKey, presentedKey) };
}
