/**
 * Error mapping of `http.ts` against a local node:http server that answers like MLflow, Flask or a
 * proxy would (real sockets instead of a fetch mock, so timeouts and refused connections are real).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MlflowHttpError, requestBytes, requestJson } from './http.js';

const FLASK_500 =
  '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n' +
  '<p>The server encountered an internal error and was unable to complete your request.</p>\n';

describe('http', () => {
  let server: Server;
  let base: string;
  let answer: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;
  const reply = (status: number, body: string, type = 'application/json') => {
    answer = (_req, _body, res) => res.writeHead(status, { 'Content-Type': type }).end(body);
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error as MlflowHttpError,
    );

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => answer(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('should send JSON with Content-Type application/json when the method is POST', async () => {
    let seen: { type?: string; body?: string } = {};
    answer = (req, body, res) => {
      seen = { type: req.headers['content-type'], body: body.toString() };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"experiment_id":"7"}');
    };
    await expect(
      requestJson(`${base}/x`, { method: 'POST', body: { name: 'e' }, timeoutMs: 1000 }),
    ).resolves.toEqual({
      experiment_id: '7',
    });
    expect(seen).toEqual({ type: 'application/json', body: '{"name":"e"}' });
  });

  it('should send no body and no Content-Type when the method is GET', async () => {
    let seen: { type?: string; length?: number } = {};
    answer = (req, body, res) => {
      seen = { type: req.headers['content-type'], length: body.length };
      res.writeHead(200).end('');
    };
    await expect(requestJson(`${base}/x`, { method: 'GET', timeoutMs: 1000 })).resolves.toEqual({});
    expect(seen).toEqual({ type: undefined, length: 0 });
  });

  it('should send raw bytes with the given Content-Type when requestBytes PUTs an artifact', async () => {
    let seen: { method?: string; type?: string; bytes?: number[] } = {};
    answer = (req, body, res) => {
      seen = { method: req.method, type: req.headers['content-type'], bytes: [...body] };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    };
    const options = {
      method: 'PUT',
      body: new Uint8Array([0, 255, 7]),
      contentType: 'image/png',
      timeoutMs: 1000,
    } as const;
    await expect(requestBytes(`${base}/a`, options)).resolves.toEqual({});
    expect(seen).toEqual({ method: 'PUT', type: 'image/png', bytes: [0, 255, 7] });
  });

  it('should carry error_code and message and not be retryable when MLflow answers a JSON 400', async () => {
    reply(400, '{"error_code":"INVALID_PARAMETER_VALUE","message":"Changing param values is not allowed."}');
    const error = await failure(requestJson(`${base}/x`, { method: 'POST', body: {}, timeoutMs: 1000 }));
    expect(error).toBeInstanceOf(MlflowHttpError);
    expect(error).toMatchObject({
      kind: 'http',
      status: 400,
      errorCode: 'INVALID_PARAMETER_VALUE',
      message: 'Changing param values is not allowed.',
      retryable: false,
    });
  });

  it('should not be retryable when MLflow answers 404 RESOURCE_DOES_NOT_EXIST', async () => {
    reply(404, '{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Run with id=x not found"}');
    const error = await failure(requestJson(`${base}/x`, { method: 'GET', timeoutMs: 1000 }));
    expect(error).toMatchObject({ status: 404, errorCode: 'RESOURCE_DOES_NOT_EXIST', retryable: false });
  });

  it('should keep a trimmed text snippet and be retryable when the answer is an HTML 500 page', async () => {
    reply(500, FLASK_500, 'text/html; charset=utf-8');
    const error = await failure(requestJson(`${base}/x`, { method: 'POST', body: {}, timeoutMs: 1000 }));
    expect(error).toMatchObject({ kind: 'http', status: 500, errorCode: null, retryable: true });
    expect(error.message).toMatch(/^500 Internal Server Error Internal Server Error The server encountered/);
    expect(error.message).not.toMatch(/[<>\n]/);
    expect(error.message.length).toBeLessThanOrEqual(200);
  });

  it.each([
    [429, true],
    [502, true],
    [503, true],
    [401, false],
    [405, false],
  ])('should set retryable when the status is %i to %s', async (status, retryable) => {
    reply(status, 'busy', 'text/plain');
    const error = await failure(requestJson(`${base}/x`, { method: 'GET', timeoutMs: 1000 }));
    expect(error).toMatchObject({ status, message: 'busy', retryable });
  });

  it('should fail as a non-retryable unexpected response when a 200 body is not JSON', async () => {
    reply(200, '<html>login</html>', 'text/html');
    const error = await failure(requestJson(`${base}/x`, { method: 'GET', timeoutMs: 1000 }));
    expect(error).toMatchObject({ kind: 'unexpected-response', status: 200, retryable: false });
  });

  it('should time out and be retryable when the server does not answer in time', async () => {
    answer = () => undefined;
    const started = Date.now();
    const error = await failure(requestJson(`${base}/slow`, { method: 'GET', timeoutMs: 150 }));
    expect(error).toMatchObject({ kind: 'timeout', status: null, errorCode: null, retryable: true });
    expect(Date.now() - started).toBeLessThan(2000);
    server.closeAllConnections();
  });

  it('should be a retryable network error when nothing listens on the port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(
      requestJson(`http://127.0.0.1:${port}/x`, { method: 'GET', timeoutMs: 1000 }),
    );
    expect(error).toMatchObject({ kind: 'network', status: null, retryable: true });
    expect(error.message).toContain('ECONNREFUSED');
  });
});
