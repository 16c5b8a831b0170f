/**
 * The server side of the browser's GraphQL over HTTP: `app/api/graphql/route.ts` forwards each request to
 * the API and adds `Authorization: Bearer <API_KEY>` when the key is set, so the key stays on the server and
 * the browser talks to its own origin (no CORS). An unreachable API answers 502 with a GraphQL error coded
 * API_UNREACHABLE, which the pages show with a retry button.
 */
import type { ProxyConfig } from './runtime-config';

export interface ForwardOptions extends ProxyConfig {
  /** For tests. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Abort the upstream request after this long. @default 60000 */
  timeoutMs?: number;
}

// Request headers the API needs; everything else (cookies, the browser's own credentials) stays here.
const FORWARDED = ['content-type', 'accept', 'apollo-require-preflight', 'x-apollo-operation-name'];

export async function forwardGraphQL(request: Request, options: ForwardOptions): Promise<Response> {
  const target = new URL(options.apiUrl);
  if (request.method === 'GET')
    new URL(request.url).searchParams.forEach((v, k) => target.searchParams.set(k, v));
  const headers = new Headers();
  for (const name of FORWARDED) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (options.apiKey) headers.set('authorization', `Bearer ${options.apiKey}`);
  try {
    const upstream = await (options.fetch ?? fetch)(target, {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer(),
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      cache: 'no-store',
    });
    return new Response(await upstream.arrayBuffer(), {
      status: upstream.status,
      headers: {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError' ? 'did not answer in time' : 'is unreachable';
    return Response.json(
      {
        errors: [
          { message: `The API at ${target.origin} ${reason}.`, extensions: { code: 'API_UNREACHABLE' } },
        ],
      },
      {
        status: 502,
        headers: { 'content-type': 'application/graphql-response+json', 'cache-control': 'no-store' },
      },
    );
  }
}

/** GET /plots/<file>: the API's evaluation plot PNGs, served from the web app's origin. */
export async function forwardPlot(file: string, options: ForwardOptions): Promise<Response> {
  if (!/^[0-9a-f-]{36}\.png$/i.test(file)) return new Response('not found', { status: 404 });
  try {
    const upstream = await (options.fetch ?? fetch)(new URL(`/plots/${file}`, options.apiUrl), {
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    return new Response(upstream.body, {
      status: upstream.status,
      headers: {
        'content-type': upstream.headers.get('content-type') ?? 'image/png',
        'cache-control': upstream.headers.get('cache-control') ?? 'no-store',
      },
    });
  } catch {
    return new Response('the API is unreachable', { status: 502 });
  }
}
