/**
 * MLflow run tracking when it must not sync: MLflow refuses a call (a 4xx), so the run's sync is FAILED
 * with MLflow's message and no retries follow; and MLflow switched off, so nothing is queued at all.
 * Real API server and the fake MLflow server over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeMlflowServer, type FakeMlflowServer } from '../utils/fake-mlflow-server.js';
import { newExperiment } from '../utils/fake-mlflow-state.js';
import { readRunMlflow, waitForSyncSettled } from '../utils/mlflow-sync-test-helpers.js';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { trainAndWait } from '../utils/train-and-wait.js';

describe('MLflow sync when MLflow refuses a call', () => {
  let fake: FakeMlflowServer;
  let server: TestServer;

  beforeAll(async () => {
    fake = await startFakeMlflowServer();
    server = await startTestServer({ mlflowTrackingUri: fake.url });
  });
  afterAll(async () => {
    await server?.dispose();
    await fake?.stop();
  });

  it('should mark the run FAILED with MLflow’s message and stop retrying when MLflow answers 400', async () => {
    await fake.setDown(true);
    const { id, status } = await trainAndWait(server, 'Beauty', 3);
    expect(status).toBe('SUCCEEDED');
    // Someone logged our run in MLflow with another `epochs` value: MLflow refuses to change a param.
    const experiment = newExperiment('1', 'sales-forecast');
    fake.state.experiments.set('1', experiment);
    fake.state.runs.set('tampered', {
      runId: 'tampered',
      experimentId: '1',
      runName: 'CNNLSTM-Beauty',
      status: 'RUNNING',
      startTime: Date.now(),
      endTime: null,
      artifactUri: 'mlflow-artifacts:/1/tampered/artifacts',
      lifecycleStage: 'active',
      params: new Map([['epochs', '999']]),
      tags: new Map([['forecast_run_id', id]]),
      metrics: [],
    });
    await fake.setDown(false);

    expect(await waitForSyncSettled(server, id)).toMatchObject({
      status: 'SUCCEEDED',
      mlflowSync: 'FAILED',
      mlflowRunId: null,
    });
    const run = await server.prisma.run.findUniqueOrThrow({ where: { id } });
    expect(run.mlflowError).toMatch(/^INVALID_PARAMETER_VALUE: Changing param values is not allowed\./);
    expect(run.mlflowError).toContain("'old_value': '999', 'new_value': '3'");
    const rows = await server.prisma.mlflowOutbox.findMany({ where: { runId: id }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('FAILED'));
    expect(rows[0]!.lastError).toBe(run.mlflowError);
    expect(rows.slice(1).every((r) => r.lastError?.startsWith('skipped:') && r.attempts === 0)).toBe(true);

    const sent = fake.requests.length;
    const attempts = rows[0]!.attempts;
    await new Promise((resolve) => setTimeout(resolve, 1000)); // 10 polls with the test timings
    expect(fake.requests.length).toBe(sent);
    const again = await server.prisma.mlflowOutbox.findFirstOrThrow({ where: { id: rows[0]!.id } });
    expect(again.attempts).toBe(attempts);
    expect(fake.state.runs.get('tampered')!.metrics).toEqual([]);
  });
});

describe('MLflow sync when MLflow is switched off', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('should queue nothing and show the run as DISABLED when mlflow.enabled is false', async () => {
    const { id, status } = await trainAndWait(server, 'Beauty', 2);
    expect(status).toBe('SUCCEEDED');
    expect(await readRunMlflow(server, id)).toMatchObject({
      mlflowSync: 'DISABLED',
      mlflowRunId: null,
      mlflowUrl: null,
    });
    expect(await server.prisma.mlflowOutbox.count()).toBe(0);
    const info = await gql<{ serverInfo: { mlflow: { enabled: boolean; reachable: boolean } } }>(
      server,
      '{ serverInfo { mlflow { enabled reachable } } }',
    );
    expect(info.data?.serverInfo.mlflow).toEqual({ enabled: false, reachable: false });
  });
});
