/**
 * The playground router on a real Express app (127.0.0.1, port 0) with a JSON fallback standing in for
 * Apollo, plus the page's own fetcher (`playground-assets/playground.js`, run in a VM context) against a
 * real graphql-ws server on the same path: subscriptions and the `{ apiKey }` connection params.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { buildSchema } from 'graphql';
import { createClient, type ClientOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import vm from 'node:vm';
import WebSocket, { WebSocketServer } from 'ws';
import { createPlaygroundRouter } from './playground.js';

const PLAYGROUND_JS = readFileSync(new URL('./playground-assets/playground.js', import.meta.url), 'utf8');
const CONTENT_TYPES: Record<string, RegExp> = { js: /javascript/, css: /^text\/css/, ico: /icon/ };
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const seenConnectionParams: unknown[] = [];
let server: Server;
let wsServer: WebSocketServer;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(createPlaygroundRouter({ graphqlPath: '/graphql', title: 'Test <Playground>' }));
  app.use('/graphql', (req, res) => void res.json({ fallback: true, method: req.method }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  wsServer = new WebSocketServer({ server, path: '/graphql' });
  async function* tick() {
    for (const n of [1, 2]) yield { tick: n };
  }
  useServer(
    {
      schema: buildSchema('type Query { ok: Boolean } type Subscription { tick: Int }'),
      roots: { subscription: { tick } },
      onConnect: (ctx) => {
        seenConnectionParams.push(ctx.connectionParams);
        return ctx.connectionParams?.apiKey !== 'wrong';
      },
    },
    wsServer,
  );
});

afterAll(async () => {
  for (const client of wsServer.clients) client.terminate();
  await new Promise((resolve) => wsServer.close(resolve));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createPlaygroundRouter', () => {
  it('should serve an offline page whose every asset loads when a browser asks for HTML', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/unsafe-eval|https?:\/\/|\*/);
    const html = await res.text();
    expect(html).not.toContain('https://');
    expect(html).toContain('<title>Test &#60;Playground&#62;</title>');
    const config = JSON.parse(/id="playground-config">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}');
    expect(config.defaultQuery).toContain('categories { name days activeModel { id } }');
    expect(config.defaultQuery).toMatch(/# subscription TrainingProgress/);

    const referenced = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(referenced).toHaveLength(5);
    const { assets, version } = config;
    const workers = ['editor', 'json', 'graphql'].map((w) => `${assets}/${w}.worker.js?v=${version}`);
    for (const url of [...referenced, ...workers]) {
      const asset = await fetch(`${base}${url}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(
        CONTENT_TYPES[/\.(\w+)\?/.exec(url)?.[1] ?? ''] ?? /^$/,
      );
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it.each([
    ['a GET with ?query=', 'GET', '/graphql?query={ok}', BROWSER_ACCEPT],
    ['a GET accepting JSON', 'GET', '/graphql', 'application/json'],
    ['a GET accepting the GraphQL response type', 'GET', '/graphql', 'application/graphql-response+json'],
    ['a GET accepting anything', 'GET', '/graphql', '*/*'],
    ['a POST from a browser', 'POST', '/graphql', BROWSER_ACCEPT],
  ])('should fall through to the next handler on %s', async (_name, method, path, accept) => {
    const res = await fetch(`${base}${path}`, { method, headers: { accept } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ fallback: true, method });
  });
});

describe('playground.js fetcher', () => {
  type Observable = { subscribe(sink: object): unknown };
  type Fetcher = (params: { query: string }, opts: { headers: Record<string, string> }) => Promise<unknown>;
  const sandbox = {} as {
    SalesForecastPlayground: { apiKeyFrom(h: object): string | undefined; createFetcher(o: object): Fetcher };
  };
  vm.runInNewContext(PLAYGROUND_JS, sandbox);
  const page = sandbox.SalesForecastPlayground;
  let fetcher: Fetcher;
  beforeAll(() => {
    fetcher = page.createFetcher({
      httpUrl: `${base}/graphql`,
      wsUrl: `${base.replace('http', 'ws')}/graphql`,
      createClient: (options: ClientOptions) => createClient({ ...options, webSocketImpl: WebSocket }),
      fetch,
    });
  });
  async function subscribeTicks(headers: Record<string, string>): Promise<unknown[]> {
    const observable = (await fetcher({ query: 'subscription { tick }' }, { headers })) as Observable;
    return new Promise((resolve, reject) => {
      const values: unknown[] = [];
      observable.subscribe({
        next: (v: unknown) => values.push(v),
        error: reject,
        complete: () => resolve(values),
      });
    });
  }

  it('should read the API key from Authorization or x-api-key when the Headers editor has one', () => {
    expect(page.apiKeyFrom({ Authorization: 'Bearer k1', 'x-api-key': 'k2' })).toBe('k1');
    expect(page.apiKeyFrom({ 'X-Api-Key': 'k2' })).toBe('k2');
    expect(page.apiKeyFrom({})).toBeUndefined();
  });

  it('should POST queries over HTTP when the operation is not a subscription', async () => {
    const result = await fetcher({ query: '# subscription in a comment\n{ ok }' }, { headers: {} });
    expect(result).toEqual({ fallback: true, method: 'POST' });
  });

  it('should stream a subscription over graphql-ws with { apiKey } when the headers carry a key', async () => {
    const ticks = await subscribeTicks({ authorization: 'Bearer k1' });
    expect(ticks).toEqual([{ data: { tick: 1 } }, { data: { tick: 2 } }]);
    expect(seenConnectionParams).toContainEqual({ apiKey: 'k1' });
  });

  it('should report a readable error when the server refuses the key', async () => {
    await expect(subscribeTicks({ 'x-api-key': 'wrong' })).rejects.toThrow(/4403.*API key/);
  });
});
