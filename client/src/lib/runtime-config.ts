/**
 * The web app's runtime settings, read from the environment of the Next.js server at request time (one build
 * serves any API address). `readPublicConfig` is what the browser may see (no secrets: it is serialized into
 * the page); `readProxyConfig` is where the server forwards to. Defaults match `npm start`.
 */

/** Settings the browser gets from the root layout. Nothing secret. */
export interface PublicConfig {
  /** graphql-ws URL; null: `ws://<page hostname>:<apiPort><graphqlPath>`. */
  graphqlWsUrl: string | null;
  /** The API's public origin (playground link); null: `http://<page hostname>:<apiPort>`. */
  apiOrigin: string | null;
  /** Port of the API, taken from GRAPHQL_API_URL. @default "4000" */
  apiPort: string;
  /** GraphQL path on the API. @default "/graphql" */
  graphqlPath: string;
}

/** Where the route handlers forward to. Server only. */
export interface ProxyConfig {
  /** GRAPHQL_API_URL. @default "http://127.0.0.1:4000/graphql" */
  apiUrl: string;
}

export const DEFAULT_API_URL = 'http://127.0.0.1:4000/graphql';

type Env = Record<string, string | undefined>;

// Looked up by a computed name so that Next does not inline NEXT_PUBLIC_* values at build time.
const pick = (env: Env, ...names: string[]) =>
  names.map((name) => env[name]?.trim()).find((value) => value) ?? null;

/** @throws TypeError when GRAPHQL_API_URL is not an absolute http(s) URL. */
export function readProxyConfig(env: Env = process.env): ProxyConfig {
  const apiUrl = pick(env, 'GRAPHQL_API_URL') ?? DEFAULT_API_URL;
  const parsed = new URL(apiUrl);
  if (!/^https?:$/.test(parsed.protocol)) throw new TypeError(`GRAPHQL_API_URL must be http(s): ${apiUrl}`);
  return { apiUrl };
}

/** The CSV upload route's limits (app/api/import/route.ts). Server only. */
export interface ImportConfig {
  /** IMPORT_MAX_MB in bytes: larger uploads answer 413 unread. @default 1024 MB, the API's data.max_upload_mb */
  maxBodyBytes: number;
  /** How long one upload may take before it is aborted. @default 1800000 (30 min) */
  timeoutMs: number;
}

/** @throws TypeError when IMPORT_MAX_MB is not a positive whole number. */
export function readImportConfig(env: Env = process.env): ImportConfig {
  const raw = pick(env, 'IMPORT_MAX_MB') ?? '1024';
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1)
    throw new TypeError(`IMPORT_MAX_MB must be a whole number of megabytes ≥ 1 (got "${raw}")`);
  return { maxBodyBytes: Number(raw) * 1024 * 1024, timeoutMs: 30 * 60_000 };
}

export function readPublicConfig(env: Env = process.env): PublicConfig {
  const api = new URL(readProxyConfig(env).apiUrl);
  return {
    graphqlWsUrl: pick(env, ['NEXT', 'PUBLIC', 'GRAPHQL', 'WS', 'URL'].join('_'), 'GRAPHQL_WS_URL'),
    apiOrigin: pick(env, ['NEXT', 'PUBLIC', 'API', 'ORIGIN'].join('_'), 'API_PUBLIC_ORIGIN'),
    apiPort: api.port || (api.protocol === 'https:' ? '443' : '80'),
    graphqlPath: api.pathname,
  };
}

/** The browser's view: absolute URLs for the WebSocket and the API's links, from the page's location. */
export function resolvePublicUrls(config: PublicConfig, location: Pick<Location, 'hostname' | 'protocol'>) {
  const secure = location.protocol === 'https:';
  const host = location.hostname.includes(':') ? `[${location.hostname}]` : location.hostname;
  const apiOrigin = (config.apiOrigin ?? `${secure ? 'https' : 'http'}://${host}:${config.apiPort}`).replace(
    /\/$/,
    '',
  );
  const wsUrl = config.graphqlWsUrl ?? `${apiOrigin.replace(/^http/, 'ws')}${config.graphqlPath}`;
  return { apiOrigin, wsUrl, playgroundUrl: `${apiOrigin}${config.graphqlPath}` };
}
