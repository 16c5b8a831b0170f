/**
 * `/healthz` and `/readyz` served by a real Express app on 127.0.0.1, port 0, with real readiness
 * checks (passing, throwing, hanging).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHealthRouter } from './health.js';
import { createReadiness, type ReadinessCheck, type ReadinessReport } from './readiness.js';

const servers: Server[] = [];

async function startTestServer(readiness: () => Promise<ReadinessReport>): Promise<string> {
  const app = express();
  app.use(createHealthRouter({ readiness }));
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const ok: ReadinessCheck = { name: 'database', check: async () => {} };

describe('createHealthRouter', () => {
  it('should answer 200 ok on /healthz without running the checks', async () => {
    let called = false;
    const base = await startTestServer(async () => {
      called = true;
      return { ready: false, checks: [] };
    });
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(called).toBe(false);
  });

  it('should answer 200 ready with the checks when every check passes', async () => {
    const base = await startTestServer(createReadiness([ok]));
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { status: string; checks: { name: string; ok: boolean }[] };
    expect(body.status).toBe('ready');
    expect(body.checks).toEqual([expect.objectContaining({ name: 'database', ok: true })]);
  });

  it('should answer 503 naming the failing check when one throws', async () => {
    const broken: ReadinessCheck = {
      name: 'mlflow',
      check: async () => {
        throw new Error('ECONNREFUSED');
      },
    };
    const base = await startTestServer(createReadiness([ok, broken]));
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      status: 'not ready',
      checks: [
        { name: 'database', ok: true, ms: expect.any(Number) },
        { name: 'mlflow', ok: false, error: 'ECONNREFUSED', ms: expect.any(Number) },
      ],
    });
  });

  it('should answer 503 within about the timeout when a check hangs', async () => {
    const hung: ReadinessCheck = { name: 'database', check: () => new Promise<void>(() => {}) };
    const base = await startTestServer(createReadiness([hung], { timeoutMs: 200 }));
    const start = Date.now();
    const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5000) });
    const elapsed = Date.now() - start;
    expect(res.status).toBe(503);
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(1500);
    const body = (await res.json()) as { checks: { error?: string }[] };
    expect(body.checks[0]?.error).toMatch(/timed out/);
  });

  it('should answer 503 with no checks when the readiness function itself rejects', async () => {
    const base = await startTestServer(() => Promise.reject(new Error('bug')));
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready', checks: [] });
  });

  it('should answer HEAD probes when the prober does not want a body', async () => {
    const base = await startTestServer(createReadiness([ok]));
    expect((await fetch(`${base}/healthz`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${base}/readyz`, { method: 'HEAD' })).status).toBe(200);
  });
});
