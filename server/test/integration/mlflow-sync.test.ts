/**
 * MLflow run tracking end to end: the real API server trains through its queue and the MLflow sync
 * replays the outbox over real HTTP to the fake MLflow server. Covers the happy path, MLflow down for a
 * whole training (then back), and a replay of every row after a simulated crash before the acks.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeMlflowServer, type FakeMlflowServer } from '../utils/fake-mlflow-server.js';
import {
  expectCompleteMlflowRun,
  fakeRunsOf,
  readRunMlflow,
  waitForSyncSettled,
  waitForValue,
} from '../utils/mlflow-sync-test-helpers.js';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { trainAndWait } from '../utils/train-and-wait.js';

describe('MLflow sync', () => {
  let fake: FakeMlflowServer;
  let server: TestServer;
  const outbox = (runId: string) =>
    server.prisma.mlflowOutbox.findMany({ where: { runId }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    fake = await startFakeMlflowServer();
    server = await startTestServer({ mlflowTrackingUri: fake.url });
  });
  afterAll(async () => {
    await server?.dispose();
    await fake?.stop();
  });

  it('should log one complete MLflow run and show it as SYNCED when MLflow is up', async () => {
    const { id, status } = await trainAndWait(server, 'Beauty', 3);
    expect(status).toBe('SUCCEEDED');
    const run = await waitForSyncSettled(server, id);
    const mlflowRun = await expectCompleteMlflowRun(server, fake, id);
    expect(run).toMatchObject({
      mlflowSync: 'SYNCED',
      mlflowRunId: mlflowRun.runId,
      mlflowUrl: `${fake.url}/#/experiments/${mlflowRun.experimentId}/runs/${mlflowRun.runId}`,
    });
    const rows = await outbox(id);
    expect(rows.map((r) => [r.kind, r.status, r.attempts])).toEqual([
      ['create_run', 'DONE', 1],
      ['log_epoch', 'DONE', 1],
      ['log_epoch', 'DONE', 1],
      ['log_epoch', 'DONE', 1],
      ['finish_run', 'DONE', 1],
    ]);
    const info = await gql<{ serverInfo: { mlflow: unknown } }>(
      server,
      '{ serverInfo { mlflow { enabled reachable trackingUri } } }',
    );
    expect(info.data?.serverInfo.mlflow).toEqual({ enabled: true, reachable: true, trackingUri: fake.url });
  });

  it('should succeed with sync PENDING while MLflow is down, then sync exactly once when it is back', async () => {
    await fake.setDown(true);
    let id: string;
    try {
      const trained = await trainAndWait(server, 'Beauty', 3);
      id = trained.id;
      expect(trained.status).toBe('SUCCEEDED');
      expect(await readRunMlflow(server, id)).toMatchObject({
        status: 'SUCCEEDED',
        mlflowSync: 'PENDING',
        mlflowRunId: null,
        mlflowUrl: null,
      });
      // The sync kept trying (with backoff) and recorded why it could not get through.
      const rows = await waitForValue(
        () => outbox(id),
        (r) => (r[0]?.attempts ?? 0) >= 2,
      );
      expect(rows.map((r) => r.status)).toEqual(Array(5).fill('PENDING'));
      expect(rows[0]!.lastError).toContain('ECONNREFUSED');
      expect(rows.slice(1).every((r) => r.attempts === 0)).toBe(true);
    } finally {
      await fake.setDown(false);
    }
    expect((await waitForSyncSettled(server, id)).mlflowSync).toBe('SYNCED');
    await expectCompleteMlflowRun(server, fake, id);
  });

  it('should reuse the MLflow run and duplicate nothing when every row is replayed after a crash', async () => {
    const { id } = await trainAndWait(server, 'Clothing', 3);
    const before = (await waitForSyncSettled(server, id)).mlflowRunId;
    expect(before).toEqual(expect.any(String));
    const mlflowRun = fakeRunsOf(fake, id)[0]!;
    const points = mlflowRun.metrics.length;
    // Sent but never acknowledged: what a process that died right after each MLflow call leaves.
    await server.prisma.$transaction([
      server.prisma.mlflowOutbox.updateMany({
        where: { runId: id },
        data: { status: 'PENDING', attempts: 0, doneAt: null, nextAttemptAt: new Date() },
      }),
      server.prisma.run.update({
        where: { id },
        data: { mlflowSync: 'PENDING', mlflowRunId: null, mlflowExperimentId: null },
      }),
    ]);
    const after = await waitForSyncSettled(server, id);
    expect(after).toMatchObject({ mlflowSync: 'SYNCED', mlflowRunId: before });
    expect(fakeRunsOf(fake, id)).toHaveLength(1);
    expect(mlflowRun.metrics).toHaveLength(points);
    expect(mlflowRun.status).toBe('FINISHED');
    const creates = fake.requests.filter(
      (r) => r.path.endsWith('/runs/create') && JSON.stringify(r.body).includes(id),
    );
    expect(creates).toHaveLength(1);
  });
});
