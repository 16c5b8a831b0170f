import { describe, expect, it, vi } from 'vitest';
import { forwardGraphQL, forwardPlot } from './graphql-proxy';
import { readImportConfig, readProxyConfig, readPublicConfig, resolvePublicUrls } from './runtime-config';

const post = (headers: Record<string, string> = {}) =>
  new Request('http://web/api/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: 'session=1',
      authorization: 'Bearer from-browser',
      ...headers,
    },
    body: JSON.stringify({ query: '{ serverInfo { version } }' }),
  });

function fakeFetch(status = 200) {
  return vi.fn(async (_url: URL | RequestInfo, _init?: RequestInit) =>
    Response.json(
      { data: { ok: true } },
      { status, headers: { 'content-type': 'application/graphql-response+json' } },
    ),
  );
}

describe('forwardGraphQL', () => {
  it("should send the user's session as the bearer and drop the browser's own credentials", async () => {
    const fetch = fakeFetch();
    const response = await forwardGraphQL(post(), {
      apiUrl: 'http://api:4000/graphql',
      sessionToken: 'sfs_abc',
      fetch,
    });
    const [url, init] = fetch.mock.calls[0]!;
    const headers = new Headers(init!.headers);
    expect(String(url)).toBe('http://api:4000/graphql');
    expect(headers.get('authorization')).toBe('Bearer sfs_abc');
    expect(headers.get('cookie')).toBeNull();
    expect(await new Response(init!.body).text()).toContain('serverInfo');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { ok: true } });
    expect(response.headers.get('content-type')).toBe('application/graphql-response+json');
  });

  it('should send no authorization without a session', async () => {
    const fetch = fakeFetch();
    await forwardGraphQL(post(), { apiUrl: 'http://api:4000/graphql', fetch });
    expect(new Headers(fetch.mock.calls[0]![1]!.headers).get('authorization')).toBeNull();
  });

  it('should pass the API status through when it rejects a request', async () => {
    const response = await forwardGraphQL(post(), {
      apiUrl: 'http://api:4000/graphql',
      fetch: fakeFetch(400),
    });
    expect(response.status).toBe(400);
  });

  it('should forward GET query strings', async () => {
    const fetch = fakeFetch();
    await forwardGraphQL(new Request('http://web/api/graphql?query=%7Bx%7D'), {
      apiUrl: 'http://api:4000/graphql',
      fetch,
    });
    expect(String(fetch.mock.calls[0]![0])).toBe('http://api:4000/graphql?query=%7Bx%7D');
  });

  it('should answer 502 with a coded GraphQL error when the API is unreachable', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    const response = await forwardGraphQL(post(), { apiUrl: 'http://api:4000/graphql', fetch });
    expect(response.status).toBe(502);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('API_UNREACHABLE');
    expect(body.errors[0]!.message).toContain('http://api:4000');
  });
});

describe('forwardPlot', () => {
  it('should refuse anything but a version id PNG without calling the API', async () => {
    const fetch = fakeFetch();
    expect((await forwardPlot('../../etc/passwd', { apiUrl: 'http://api:4000/graphql', fetch })).status).toBe(
      404,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('should fetch the plot from the API origin', async () => {
    const fetch = fakeFetch();
    await forwardPlot('698f07c2-e82f-43a5-bc23-c1fad6c48720.png', {
      apiUrl: 'http://api:4000/graphql',
      fetch,
    });
    expect(String(fetch.mock.calls[0]![0])).toBe(
      'http://api:4000/plots/698f07c2-e82f-43a5-bc23-c1fad6c48720.png',
    );
  });
});

describe('runtime config', () => {
  it('should default to the API of npm start', () => {
    expect(readProxyConfig({ API_KEY: 'k3y' })).toEqual({ apiUrl: 'http://127.0.0.1:4000/graphql' });
    expect(readPublicConfig({})).toEqual({
      graphqlWsUrl: null,
      apiOrigin: null,
      apiPort: '4000',
      graphqlPath: '/graphql',
    });
  });

  it('should never put the API key in the public config', () => {
    const config = readPublicConfig({ API_KEY: 'k3y', GRAPHQL_API_URL: 'http://10.0.0.5:4555/gql' });
    expect(JSON.stringify(config)).not.toContain('k3y');
    expect(config).toMatchObject({ apiPort: '4555', graphqlPath: '/gql' });
  });

  it('should resolve the WebSocket and playground URLs against the page host', () => {
    const urls = resolvePublicUrls(readPublicConfig({ GRAPHQL_API_URL: 'http://127.0.0.1:4555/graphql' }), {
      hostname: 'box.local',
      protocol: 'http:',
    });
    expect(urls).toEqual({
      apiOrigin: 'http://box.local:4555',
      wsUrl: 'ws://box.local:4555/graphql',
      playgroundUrl: 'http://box.local:4555/graphql',
    });
  });

  it('should prefer explicit public URLs when they are set', () => {
    const config = readPublicConfig({
      NEXT_PUBLIC_GRAPHQL_WS_URL: 'wss://api.example/graphql',
      API_PUBLIC_ORIGIN: 'https://api.example/',
    });
    expect(resolvePublicUrls(config, { hostname: 'web', protocol: 'https:' })).toEqual({
      apiOrigin: 'https://api.example',
      wsUrl: 'wss://api.example/graphql',
      playgroundUrl: 'https://api.example/graphql',
    });
  });

  it('should reject a GRAPHQL_API_URL that is not http(s)', () => {
    expect(() => readProxyConfig({ GRAPHQL_API_URL: 'ftp://x/graphql' })).toThrow(/http/);
  });
});

describe('readImportConfig', () => {
  it('should default to 1024 MB, the API upload limit, when IMPORT_MAX_MB is unset', () => {
    expect(readImportConfig({}).maxBodyBytes).toBe(1024 * 1024 * 1024);
  });
  it('should read IMPORT_MAX_MB in megabytes', () => {
    expect(readImportConfig({ IMPORT_MAX_MB: '5' }).maxBodyBytes).toBe(5 * 1024 * 1024);
  });
  it('should refuse a limit that is not a positive whole number', () => {
    for (const bad of ['0', '-1', '1.5', 'lots'])
      expect(() => readImportConfig({ IMPORT_MAX_MB: bad })).toThrow(/IMPORT_MAX_MB/);
  });
});
