/**
 * `createLogger` and `createHttpLogger` with pino's output captured in memory, behind a real Express
 * app on 127.0.0.1, port 0: one line per request, request ids, and no credentials or bodies in the log.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpLogger, createLogger } from './logger.js';

type LogLine = { level: number; msg: string; req?: Record<string, unknown>; [key: string]: unknown };

/** A pino destination that keeps the JSON lines in memory. */
function createTestDestination() {
  const raw: string[] = [];
  const parsed = () => raw.map((line) => JSON.parse(line) as LogLine);
  return { raw, parsed, destination: { write: (chunk: string) => void raw.push(chunk) } };
}

/** The line is written when the response ends, which may trail the client's read by a tick. */
async function waitForLines(raw: string[], n: number): Promise<void> {
  const deadline = Date.now() + 2000;
  while (raw.length < n && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('createHttpLogger', () => {
  const out = createTestDestination();
  let server: Server;
  let base: string;
  const post = (headers: Record<string, string> = {}, body = '{}') =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  beforeAll(async () => {
    const app = express();
    app.use(createHttpLogger(createLogger({ destination: out.destination })));
    app.use(express.json());
    app.post('/graphql', (req, res) => {
      res.json({ keys: Object.keys(req.body as object) });
    });
    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/readyz', (_req, res) => {
      res.status(503).json({ status: 'not ready' });
    });
    app.get('/boom', (_req, res) => {
      res.status(500).json({});
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    out.raw.length = 0;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('should log method, url, status, duration and request id when a request completes', async () => {
    const res = await post();
    await waitForLines(out.raw, 1);
    const [line] = out.parsed();
    expect(line).toMatchObject({ level: 30, msg: 'request completed', res: { statusCode: 200 } });
    expect(line?.req).toEqual({ id: res.headers.get('x-request-id'), method: 'POST', url: '/graphql' });
    expect(typeof line?.durationMs).toBe('number');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should never log credentials or the body when a request carries them', async () => {
    const body = JSON.stringify({ query: '{ top-secret-body }', variables: { password: 'top-secret-var' } });
    const headers = {
      authorization: 'Bearer top-secret-bearer',
      'x-api-key': 'top-secret-key',
      cookie: 'session=top-secret-cookie',
    };
    expect((await post(headers, body)).status).toBe(200);
    await fetch(`${base}/graphql?query=%7Ba%7D&variables=%7B%22key%22%3A%22top-secret-get%22%7D`, {
      headers,
    });
    await waitForLines(out.raw, 2);
    expect(out.parsed().map((l) => l.req?.url)).toEqual(['/graphql', '/graphql']);
    expect(out.raw.join('')).not.toMatch(/top-secret|authorization|x-api-key|cookie/i);
  });

  it('should echo the caller request id when it is valid and replace it when it is not', async () => {
    expect((await post({ 'x-request-id': 'abc-123' })).headers.get('x-request-id')).toBe('abc-123');
    const forged = await post({ 'x-request-id': 'a"}\tfake' });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await waitForLines(out.raw, 2);
    expect(out.parsed().map((l) => l.req?.id)).toEqual(['abc-123', forged.headers.get('x-request-id')]);
  });

  it('should stay quiet on passing probes, warn on failing ones and log 5xx as errors', async () => {
    await fetch(`${base}/healthz`);
    await fetch(`${base}/readyz`);
    await fetch(`${base}/boom`);
    await waitForLines(out.raw, 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(out.parsed().map((l) => [l.req?.url, l.level])).toEqual([
      ['/readyz', 40],
      ['/boom', 50],
    ]);
    expect(out.parsed().map((l) => l.err)).toEqual([undefined, undefined]);
  });
});

describe('createLogger', () => {
  it('should redact credentials when code logs a request object by hand', () => {
    const out = createTestDestination();
    const logger = createLogger({ destination: out.destination });
    const headers = { authorization: 'Bearer s3cret', 'x-api-key': 's3cret', accept: '*/*' };
    logger.info({ req: { headers, body: 's3cret' } }, 'by hand');
    logger.info({ connectionParams: { apiKey: 's3cret' } }, 'ws init');
    expect(out.raw.join('')).not.toContain('s3cret');
    expect(out.parsed()[0]?.req).toEqual({
      headers: { authorization: '[redacted]', 'x-api-key': '[redacted]', accept: '*/*' },
      body: '[redacted]',
    });
  });

  it('should default to info with ISO timestamps when no level is given', () => {
    const out = createTestDestination();
    const logger = createLogger({ destination: out.destination });
    logger.debug('hidden');
    logger.info('shown');
    expect(out.parsed()).toEqual([expect.objectContaining({ level: 30, msg: 'shown' })]);
    expect(out.parsed()[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('should write nothing when the level is silent', () => {
    const out = createTestDestination();
    createLogger({ level: 'silent', destination: out.destination }).error('nothing to see');
    expect(out.raw).toEqual([]);
  });
});

describe('createLogger output format', () => {
  it('should write JSON lines when not pretty (stdout is not a terminal)', () => {
    const out = createTestDestination();
    createLogger({ destination: out.destination, pretty: false }).warn({ runId: 'r1' }, 'MLflow unavailable');
    expect(out.parsed()[0]).toMatchObject({ level: 40, msg: 'MLflow unavailable', runId: 'r1' });
  });

  it('should write lines for people when pretty (stdout is a terminal)', () => {
    const out = createTestDestination();
    createLogger({ destination: out.destination, pretty: true }).warn({ runId: 'r1' }, 'MLflow unavailable');
    const text = out.raw.join('');
    expect(text).toMatch(/\d\d:\d\d:\d\d\.\d{3}\] WARN: MLflow unavailable/);
    expect(text).toMatch(/runId: "r1"/);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('should write JSON to a given destination unless asked for pretty lines', () => {
    const out = createTestDestination();
    createLogger({ destination: out.destination }).info('hello');
    expect(out.parsed()[0]).toMatchObject({ msg: 'hello' });
  });
});
