/**
 * MLflow for AUTO runs: the run is the parent MLflow run and each candidate family a child run under it
 * (tag `mlflow.parentRunId`), with its backtest summary and per-fold scores, the champion tagged. Against
 * the repo's contract-checking fake MLflow (a real MLflow cannot run here).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeMlflowServer, type FakeMlflowServer } from '../utils/fake-mlflow-server.js';
import { fakeRunsOf, waitForSyncSettled } from '../utils/mlflow-sync-test-helpers.js';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';

describe('MLflow child runs of candidates', () => {
  let fake: FakeMlflowServer;
  let server: TestServer;

  beforeAll(async () => {
    fake = await startFakeMlflowServer();
    server = await startTestServer({
      mlflowTrackingUri: fake.url,
      extraConfig: 'models:\n  enabled: [SEASONAL_NAIVE, MSTL]\n  backtest: { origins: 3, horizon: 7 }\n',
    });
  });
  afterAll(async () => {
    await server?.dispose();
    await fake?.stop();
  });

  it('should log one child run per candidate under the run, each once, with its backtest', async () => {
    const started = await gql<{ train: { id: string }[] }>(
      server,
      'mutation { train(input: { categories: ["Beauty"], model: AUTO }) { id } }',
    );
    const run = started.data!.train[0]!;
    await waitForValue(
      () => server.prisma.run.findUniqueOrThrow({ where: { id: run.id } }),
      (r) => r.status === 'SUCCEEDED',
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    const settled = await waitForSyncSettled(server, run.id);
    expect(settled.mlflowSync).toBe('SYNCED');
    const [parent] = fakeRunsOf(fake, run.id);
    expect(parent!.runName).toBe('AUTO-Beauty');
    const children = [...fake.state.runs.values()].filter(
      (r) => r.tags.get('mlflow.parentRunId') === parent!.runId,
    );
    const versions = await server.prisma.modelVersion.findMany({ where: { runId: run.id } });
    expect(children.map((c) => c.tags.get('forecast_candidate_id')).sort()).toEqual(
      versions.map((v) => v.id).sort(),
    );
    for (const child of children) {
      const version = versions.find((v) => v.id === child.tags.get('forecast_candidate_id'))!;
      expect(child.status).toBe('FINISHED');
      expect(child.runName).toBe(`${version.family}-Beauty`);
      expect(child.tags.get('champion')).toBe(String(version.champion));
      const mase = child.metrics.find((m) => m.key === 'backtest_mase')!;
      expect(mase.value).toBeCloseTo((version.backtest as { mase: number }).mase, 9);
      expect(child.metrics.filter((m) => m.key === 'fold_mae').map((m) => m.step)).toEqual([1, 2, 3]);
      expect(child.params.get('family')).toBe(version.family);
    }
    const rows = await server.prisma.mlflowOutbox.findMany({
      where: { runId: run.id },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => r.kind)).toEqual(['create_run', 'candidate_run', 'candidate_run', 'finish_run']);
  });
});
