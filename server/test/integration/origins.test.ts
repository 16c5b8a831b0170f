/**
 * Browsers are held to `api.allowed_origins`: a WebSocket upgrade from another site is refused before
 * any GraphQL runs (on an API without credentials it could otherwise train), and a CORS preflight on the
 * GraphQL path is answered with CORS headers for allowed origins (the playground router used to answer
 * it without them). Clients without an Origin and the API's own pages stay allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../utils/start-test-server.js';

const ALLOWED = 'http://app.example:3000';

/** 'open', or the HTTP status the upgrade was refused with. */
function upgrade(url: string, origin?: string): Promise<'open' | number> {
  const socket = new WebSocket(url, 'graphql-transport-ws', origin ? { origin } : {});
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', (error) => reject(error));
  });
}

describe('allowed origins', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ extraConfig: `api:\n  allowed_origins: ['${ALLOWED}']` });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('should refuse a WebSocket upgrade from another site with 403 and write nothing', async () => {
    const before = await server.prisma.run.count();
    expect(await upgrade(server.wsUrl, 'http://evil.example')).toBe(403);
    expect(await upgrade(server.wsUrl, 'null')).toBe(403);
    expect(await server.prisma.run.count()).toBe(before);
  });

  it('should accept a WebSocket from an allowed origin, the API itself, and clients without Origin', async () => {
    expect(await upgrade(server.wsUrl, ALLOWED)).toBe('open');
    expect(await upgrade(server.wsUrl, server.url)).toBe('open'); // the playground
    expect(await upgrade(server.wsUrl)).toBe('open');
  });

  it('should answer a CORS preflight from an allowed origin with CORS headers', async () => {
    const res = await fetch(server.graphqlUrl, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  it('should give no CORS headers to another site', async () => {
    const preflight = await fetch(server.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ categories { name } }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });
});
