/**
 * Test helpers for the MLflow sync integration tests: reading what the
 * fake MLflow server holds for one of our runs, and checking that run is complete (the list).
 */
import { expect } from '@jest/globals';
import * as ort from 'onnxruntime-node';
import type { FakeMlflowServer, FakeRun } from './fake-mlflow-server.js';
import { gql, type TestServer } from './start-test-server.js';
import { waitForValue } from './wait-for.js';

export { waitForValue };

/** The run's MLflow fields as the API shows them. */
export async function readRunMlflow(server: TestServer, id: string) {
  const res = await gql<{
    run: { status: string; mlflowRunId: string | null; mlflowUrl: string | null; mlflowSync: string };
  }>(server, 'query ($id: ID!) { run(id: $id) { status mlflowRunId mlflowUrl mlflowSync } }', { id });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.run;
}

/** Waits until the run's sync is no longer PENDING. @returns the API view of it. */
export function waitForSyncSettled(server: TestServer, id: string) {
  return waitForValue(
    () => readRunMlflow(server, id),
    (run) => run.mlflowSync !== 'PENDING',
  );
}

/** Every MLflow run the fake holds for our run id (the sync tags each with `forecast_run_id`). */
export function fakeRunsOf(fake: FakeMlflowServer, runId: string): FakeRun[] {
  return [...fake.state.runs.values()].filter((r) => r.tags.get('forecast_run_id') === runId);
}

/** Asserts the one MLflow run of `runId` holds everything a finished 3-epoch Beauty run logs. */
export async function expectCompleteMlflowRun(server: TestServer, fake: FakeMlflowServer, runId: string) {
  const runs = fakeRunsOf(fake, runId);
  expect(runs).toHaveLength(1);
  const mlflowRun = runs[0]!;
  const experiment = fake.state.experiments.get(mlflowRun.experimentId);
  expect(experiment?.name).toBe('sales-forecast');
  expect(mlflowRun.runName).toBe('CNNLSTM-Beauty');
  expect(mlflowRun.status).toBe('FINISHED');
  expect(mlflowRun.endTime).toEqual(expect.any(Number));
  const row = await server.prisma.run.findUniqueOrThrow({ where: { id: runId } });
  expect(
    Object.fromEntries(
      ['item_id', 'model', 'dataset', 'window_size', 'learning_rate', 'tf_backend'].map((k) => [
        k,
        mlflowRun.tags.get(k),
      ]),
    ),
  ).toEqual({
    item_id: 'Beauty',
    model: 'CNNLSTM',
    dataset: 'database', // runs of the API train on the sales database
    window_size: String((row.hyperparameters as { windowSize: number }).windowSize),
    learning_rate: String((row.hyperparameters as { learningRate: number }).learningRate),
    tf_backend: row.tfBackend,
  });
  const hp = row.hyperparameters as Record<string, unknown>;
  expect(Object.fromEntries(mlflowRun.params)).toEqual(
    Object.fromEntries(Object.entries(hp).map(([k, v]) => [k, String(v)])),
  );
  const points = (key: string) => mlflowRun.metrics.filter((m) => m.key === key);
  for (const key of ['train_loss', 'val_loss']) expect(points(key).map((m) => m.step)).toEqual([1, 2, 3]);
  const finals = [
    'rmse',
    'mae',
    'mase',
    'naive_rmse',
    'naive_mae',
    'seasonal_naive_rmse',
    'seasonal_naive_mae',
  ];
  const metrics = row.metrics as Record<string, number | null>;
  for (const key of finals) expect(points(key).length).toBe(key === 'mase' && metrics.mase === null ? 0 : 1);
  expect(points('rmse')[0]!.value).toBeCloseTo(metrics.rmse!, 9);
  const files = [
    'model.json',
    'weights.bin',
    'model.onnx',
    'metadata.json',
    'normalization.json',
    'config.json',
    'evaluation.png',
    'backtest.json',
  ];
  const prefix = `${mlflowRun.experimentId}/${mlflowRun.runId}/artifacts/model/`;
  const stored = [...fake.state.artifacts.keys()]
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
  expect(stored.sort()).toEqual([...files].sort());
  expect(fake.state.artifacts.get(`${prefix}evaluation.png`)!.bytes.subarray(1, 4).toString()).toBe('PNG');
  // The ONNX export is a model ONNX Runtime loads, with the window as its input.
  const onnx = await ort.InferenceSession.create(fake.state.artifacts.get(`${prefix}model.onnx`)!.bytes);
  expect(onnx.inputNames).toEqual(['window']);
  await onnx.release();
  return mlflowRun;
}
