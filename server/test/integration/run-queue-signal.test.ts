/**
 * An API-only replica and a training worker on one Postgres (in this process, real HTTP): the worker polls
 * the queue only once a minute here, so a run it claims, or a cancel it obeys, within seconds can only
 * have come through the `run_queue` signal (RunQueueSignal), not the poll.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { buildWorkerApp, type WorkerApp } from '../../src/roles/worker-app.js';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';

const POLL_MS = 60_000;
const WITHIN_MS = 20_000;

describe('run queue signals between an API-only replica and a worker (postgres)', () => {
  let api: TestServer;
  let worker: WorkerApp;
  beforeAll(async () => {
    api = await startTestServer({ dbKind: 'postgres', train: false });
    worker = await buildWorkerApp(api.config, {
      logger: pino({ level: 'silent' }),
      queue: { pollMs: POLL_MS },
      mlflowSync: { pollMs: 100 },
    });
    await worker.start(0, '127.0.0.1');
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.dispose();
  });

  const runOf = (id: string) => api.prisma.run.findUniqueOrThrow({ where: { id } });

  async function train(epochs: number): Promise<string> {
    const res = await gql<{ train: { id: string }[] }>(
      api,
      `mutation { train(input: { categories: ["Beauty"], epochs: ${epochs}, batchSize: 4 }) { id } }`,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.train[0]!.id;
  }

  it('should have the worker claim a run queued on the API at once, not on its next poll', async () => {
    const queuedAt = Date.now();
    const runId = await train(500);
    const claimedBy = await waitForValue(
      async () => (await runOf(runId)).claimedBy,
      (c) => c !== null,
      { timeoutMs: WITHIN_MS, intervalMs: 50 },
    );
    expect(claimedBy).toMatch(/^worker-/);
    expect(Date.now() - queuedAt).toBeLessThan(POLL_MS);

    // Cancelled on the API: the worker stops the run at once, not at its next heartbeat.
    const res = await gql<{ cancelRun: { status: string } }>(
      api,
      `mutation { cancelRun(id: "${runId}") { status } }`,
    );
    expect(res.errors).toBeUndefined();
    const run = await waitForValue(
      () => runOf(runId),
      (r) => r.status !== 'RUNNING' && r.status !== 'QUEUED',
      { timeoutMs: WITHIN_MS, intervalMs: 50 },
    );
    expect(run.status).toBe('CANCELLED');
  }, 60_000);
});
