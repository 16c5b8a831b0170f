import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import {
  createChildProject,
  startServerChild,
  startWorkerChild,
  stopServerChild,
  type ChildProject,
  type ServerChild,
} from '../utils/start-child.js';
import { LISTEN_APPLICATION_NAME } from '../../src/db/pg-notifications.js';
import { gql } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';
import { collect, createWsTestClient } from '../utils/ws-test-client.js';

interface ProgressEvent {
  type: string;
  status: string;
  epoch: number | null;
}

describe('a training-only worker process beside an API-only process (real processes, Postgres)', () => {
  let project: ChildProject;
  let api: ServerChild;
  let worker: ServerChild;
  const children: ServerChild[] = [];

  beforeAll(async () => {
    project = await createChildProject('worker-role-test-');
    api = await startServerChild({ ...project.env, ROLE: 'api' });
    children.push(api);
  });
  afterAll(async () => {
    for (const c of children) await stopServerChild(c).catch(() => c.child.kill('SIGKILL'));
    await project?.dispose();
  });

  async function train(epochs: number): Promise<string> {
    const res = await gql<{ train: { id: string }[] }>(
      api,
      `mutation { train(input: { categories: ["Beauty"], epochs: ${epochs}, batchSize: 4 }) { id } }`,
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.train[0]!.id;
  }

  async function startWorker(): Promise<ServerChild> {
    const started = await startWorkerChild(project.env);
    children.push(started);
    return started;
  }

  const runOf = (id: string) => project.db.prisma.run.findUniqueOrThrow({ where: { id } });
  const epochsStored = (runId: string) => project.db.prisma.epochMetric.count({ where: { runId } });

  /** A long run with its first epoch stored by the worker. */
  async function trainingRun(): Promise<string> {
    const runId = await train(500);
    await waitForValue(
      () => epochsStored(runId),
      (n) => n > 0,
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    return runId;
  }

  it('should leave a run QUEUED on the API-only process until a worker claims and trains it, every epoch reaching a subscriber on the API in order', async () => {
    const runId = await train(6);
    await new Promise((r) => setTimeout(r, 2500)); // two of the queue's poll ticks: nobody trains it
    expect((await runOf(runId)).status).toBe('QUEUED');

    const client = createWsTestClient(api.graphqlUrl.replace('http', 'ws'));
    const events = collect<{ trainingProgress: ProgressEvent }>(
      client,
      `subscription { trainingProgress(runId: "${runId}") { type status epoch } }`,
      (p) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(p.data!.trainingProgress.status),
      { timeoutMs: 120_000 },
    );
    await new Promise((r) => setTimeout(r, 300));
    worker = await startWorker();
    const claimedBy = await waitForValue(
      async () => (await runOf(runId)).claimedBy,
      (c) => c !== null,
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    expect(claimedBy).toMatch(/^worker-/);
    const received = (await events).map((p) => p.data!.trainingProgress);
    await client.dispose();
    expect(received.filter((e) => e.type === 'EPOCH').map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(received.at(-1)!.status).toBe('SUCCEEDED');
    // The worker serves its ops routes and reports its role.
    expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`process_role\\{pid="${worker.child.pid}",role="worker"\\} 1`));
    expect(metrics).toMatch(/training_epoch_duration_seconds_count\{category="Beauty"\} 6/);
    expect((await fetch(`${worker.url}/graphql`)).status).toBe(404);
    // Each process listens for the others' events (API: 3 channels, worker: 2) on one connection.
    const listening = await project.db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = ${LISTEN_APPLICATION_NAME}`;
    expect(listening[0]!.n).toBe(2);
  });

  /** Nice value of each thread of a process (Linux: field 19 of /proc/<pid>/task/<tid>/stat). */
  const threadNice = (pid: number) =>
    fs.readdirSync(`/proc/${pid}/task`).map((tid) => {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });

  it("should stop the worker's training when cancelRun is called on the API", async () => {
    const runId = await trainingRun();
    // The worker trains at server.worker_nice (10): its main thread and the training thread it spawned.
    const apiThreads = threadNice(api.child.pid!).length;
    expect(threadNice(worker.child.pid!).filter((n) => n === 10).length).toBeGreaterThanOrEqual(2);
    expect(threadNice(api.child.pid!).filter((n) => n === 0).length).toBe(apiThreads);
    const res = await gql<{ cancelRun: { status: string } }>(
      api,
      `mutation { cancelRun(id: "${runId}") { status } }`,
    );
    expect(res.errors).toBeUndefined();
    const run = await waitForValue(
      () => runOf(runId),
      (r) => r.status !== 'RUNNING',
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(run.status).toBe('CANCELLED');
    expect(await epochsStored(runId)).toBeLessThan(500);
    expect(worker.child.exitCode).toBeNull(); // the worker keeps serving the queue
  });

  it('should mark the run FAILED (interrupted) and exit 0 when the worker gets SIGTERM mid-training', async () => {
    const runId = await trainingRun();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const run = await runOf(runId);
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/interrupted/);
    expect(run.claimedBy).toBeNull();
  });

  it('should refuse to start a worker on the embedded database with a coded one-line error (exit 2)', async () => {
    const env = { ...project.env, DATABASE_URL: '' };
    await expect(startWorkerChild(env)).rejects.toThrow(
      /exited early \(2\).*ROLE_NEEDS_POSTGRES.*DATABASE_URL/s,
    );
    await expect(startServerChild({ ...env, ROLE: 'api' })).rejects.toThrow(
      /exited early \(2\).*ROLE_NEEDS_POSTGRES: role api/s,
    );
    await expect(startServerChild({ ...env, API_WORKERS: '2' })).rejects.toThrow(
      /exited early \(2\).*ROLE_NEEDS_POSTGRES: API_WORKERS=2/s,
    );
  });
});
