/**
 * The server side of the browser's GraphQL over HTTP: `app/api/graphql/route.ts` forwards each request to
 * the API with the signed-in user's session token (from the httpOnly cookie) as its bearer, so the
 * browser talks to its own origin and holds no secret. Bodies are streamed both ways and limited to the
 * API's own ceiling (200 KB): a larger one answers 413 with a GraphQL error without being read. An
 * unreachable API answers 502 with a GraphQL error coded API_UNREACHABLE, which the pages show with a retry.
 */
import { BodyTooLargeError, declaredTooLarge, limitStream } from './body-limit';
import type { ProxyConfig } from './runtime-config';

export interface ForwardOptions extends ProxyConfig {
  /** The signed-in user's API session token (sent as `Authorization: Bearer`). */
  sessionToken?: string;
  /** For tests. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Abort the upstream request after this long. @default 60000 */
  timeoutMs?: number;
  /** Largest request body forwarded. @default 204800, the API's limit */
  maxBodyBytes?: number;
}

/** The API's body limit (server/src/graphql/limits.ts): nothing larger is worth forwarding. */
export const MAX_BODY_BYTES = 200 * 1024;

// Request headers the API needs; everything else (cookies, the browser's own credentials) stays here.
const FORWARDED = [
  'content-type',
  'accept',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-forwarded-for',
];

const graphqlError = (status: number, message: string, code: string) =>
  Response.json(
    { errors: [{ message, extensions: { code } }] },
    { status, headers: { 'content-type': 'application/graphql-response+json', 'cache-control': 'no-store' } },
  );

export async function forwardGraphQL(request: Request, options: ForwardOptions): Promise<Response> {
  const max = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const tooLarge = () => graphqlError(413, `request body is larger than ${max} bytes`, 'BAD_USER_INPUT');
  if (declaredTooLarge(request, max)) return tooLarge();
  const target = new URL(options.apiUrl);
  if (request.method === 'GET')
    new URL(request.url).searchParams.forEach((v, k) => target.searchParams.set(k, v));
  const headers = new Headers();
  for (const name of FORWARDED) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (options.sessionToken) headers.set('authorization', `Bearer ${options.sessionToken}`);
  const hasBody = request.body && request.method !== 'GET' && request.method !== 'HEAD';
  try {
    const upstream = await (options.fetch ?? fetch)(target, {
      method: request.method,
      headers,
      body: hasBody ? limitStream(request.body!, max) : undefined,
      // A streamed request body needs half duplex (undici); the type of RequestInit does not know it yet.
      ...({ duplex: 'half' } as object),
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      cache: 'no-store',
    });
    return new Response(upstream.body, {
      status: upstream.status,
      headers: {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    if (
      error instanceof BodyTooLargeError ||
      (error as { cause?: unknown }).cause instanceof BodyTooLargeError
    )
      return tooLarge();
    const reason =
      error instanceof Error && error.name === 'TimeoutError' ? 'did not answer in time' : 'is unreachable';
    return graphqlError(502, `The API at ${target.origin} ${reason}.`, 'API_UNREACHABLE');
  }
}

/** GET /plots/<file>: the API's evaluation plot PNGs, served from the web app's origin. */
export async function forwardPlot(file: string, options: ForwardOptions): Promise<Response> {
  if (!/^[0-9a-f-]{36}\.png$/i.test(file)) return new Response('not found', { status: 404 });
  try {
    const upstream = await (options.fetch ?? fetch)(new URL(`/plots/${file}`, options.apiUrl), {
      headers: options.sessionToken ? { authorization: `Bearer ${options.sessionToken}` } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    return new Response(upstream.body, {
      status: upstream.status,
      headers: {
        'content-type': upstream.headers.get('content-type') ?? 'image/png',
        // Private: behind sign-in a shared cache must not keep it.
        'cache-control': 'private, max-age=3600',
      },
    });
  } catch {
    return new Response('the API is unreachable', { status: 502 });
  }
}
