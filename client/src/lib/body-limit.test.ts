// @vitest-environment node
/**
 * The GraphQL proxy's body ceiling against a real upstream HTTP server: a body declared too large is
 * refused without a byte read or sent; an undeclared (chunked) one is cut off just past the ceiling,
 * never buffered whole; a body within it streams through and the answer streams back.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardGraphQL } from './graphql-proxy';

const MAX = 200 * 1024;
const CHUNK = 64 * 1024;
let upstream: http.Server;
let apiUrl: string;
const received: number[] = [];

/** A lazily generated body of `total` bytes that counts how much was pulled from it. */
function generatedBody(total: number) {
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      pulled.bytes += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(32));
    },
  });
  return { stream, pulled };
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://web/api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    ...({ duplex: 'half' } as object),
  });

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      received.push(bytes);
      res.setHeader('content-type', 'application/graphql-response+json');
      res.end(JSON.stringify({ data: { bytes } }));
    });
    req.on('error', () => received.push(bytes));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((r) => upstream.close(() => r())));

describe('forwardGraphQL body limit', () => {
  it('should answer 413 with a GraphQL error and contact no one when Content-Length is too large', async () => {
    const before = received.length;
    const response = await forwardGraphQL(post('{}', { 'content-length': String(64 * 1024 * 1024) }), {
      apiUrl,
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(body.errors[0]!.message).toContain(String(MAX));
    expect(received.length).toBe(before);
  });

  it('should cut a 64 MB chunked body off just past the limit without reading the rest', async () => {
    const { stream, pulled } = generatedBody(64 * 1024 * 1024);
    const response = await forwardGraphQL(post(stream), { apiUrl });
    expect(response.status).toBe(413);
    // A few chunks of read-ahead at most: the body was streamed, not buffered.
    expect(pulled.bytes).toBeLessThan(MAX + 8 * CHUNK);
    await new Promise((r) => setTimeout(r, 100));
    expect(Math.max(0, ...received)).toBeLessThanOrEqual(MAX);
  });

  it('should stream a body within the limit to the API and its answer back', async () => {
    const { stream } = generatedBody(3 * CHUNK);
    const response = await forwardGraphQL(post(stream), { apiUrl });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { bytes: 3 * CHUNK } });
  });
});
