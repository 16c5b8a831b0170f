/**
 * `MlflowClient` against the fake MLflow server (`test/utils/fake-mlflow-server.ts`): the full run flow,
 * log-batch splitting, and the MLflow behaviours the client must turn into clear results or errors.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeMlflowServer, type FakeMlflowServer } from '../../test/utils/fake-mlflow-server.js';
import { MlflowHttpError } from './http.js';
import { MlflowClient } from './mlflow-client.js';
import type { Metric, TerminalRunStatus } from './mlflow-entities.js';

describe('MlflowClient', () => {
  let fake: FakeMlflowServer;
  let client: MlflowClient;
  let experimentId: string;
  const logBatchRequests = () => fake.requests.filter((r) => r.path.endsWith('/runs/log-batch'));
  const newRun = () => client.createRun({ experimentId, runName: 'CNNLSTM-Books', startTime: 1_000 });

  beforeAll(async () => {
    fake = await startFakeMlflowServer();
    client = new MlflowClient({ trackingUri: `${fake.url}/`, timeoutMs: 2000 });
    experimentId = await client.getOrCreateExperiment('client-tests');
  });
  afterAll(() => fake.stop());

  it('should log a whole run and read it back when the flow is experiment → run → batches → finish', async () => {
    const run = await client.createRun({
      experimentId,
      runName: 'CNNLSTM-Beauty',
      startTime: 1_700_000_000_000,
      tags: [{ key: 'item_id', value: 'Beauty' }],
    });
    expect(run).toMatchObject({ experimentId, runName: 'CNNLSTM-Beauty', status: 'RUNNING', endTime: null });

    const metrics: Metric[] = Array.from({ length: 2500 }, (_, i) => ({
      key: i % 2 === 0 ? 'train_loss' : 'val_loss',
      value: 1 / (i + 1),
      timestamp: 1_700_000_000_000 + i,
      step: Math.floor(i / 2) + 1,
    }));
    const before = logBatchRequests().length;
    await client.logBatch(run.runId, {
      metrics,
      params: [
        { key: 'epochs', value: '1250' },
        { key: 'learning_rate', value: '0.001' },
      ],
      tags: [{ key: 'tf_backend', value: 'wasm' }],
    });
    const sent = logBatchRequests().slice(before);
    expect(sent).toHaveLength(3);
    for (const request of sent) {
      const body = request.body as { metrics: unknown[]; params: unknown[]; tags: unknown[] };
      expect(request.status).toBe(200);
      expect(body.metrics.length).toBeLessThanOrEqual(1000);
      expect(body.metrics.length + body.params.length + body.tags.length).toBeLessThanOrEqual(1000);
    }

    const ended = await client.updateRun(run.runId, { status: 'FINISHED', endTime: 1_700_000_100_000 });
    expect(ended).toMatchObject({ status: 'FINISHED', endTime: 1_700_000_100_000 });

    const stored = await client.getRun(run.runId);
    expect(stored.info).toMatchObject({
      status: 'FINISHED',
      endTime: 1_700_000_100_000,
      runName: 'CNNLSTM-Beauty',
    });
    expect(stored.params).toEqual({ epochs: '1250', learning_rate: '0.001' });
    expect(stored.tags).toMatchObject({
      item_id: 'Beauty',
      tf_backend: 'wasm',
      'mlflow.runName': 'CNNLSTM-Beauty',
    });
    expect(stored.metrics).toEqual(
      expect.arrayContaining([
        { key: 'train_loss', value: 1 / 2499, timestamp: 1_700_000_002_498, step: 1250 },
        { key: 'val_loss', value: 1 / 2500, timestamp: 1_700_000_002_499, step: 1250 },
      ]),
    );
    expect(fake.state.runs.get(run.runId)?.metrics).toHaveLength(2500);
  });

  it('should return the same experiment id when asked again or concurrently', async () => {
    const [a, b] = await Promise.all([
      client.getOrCreateExperiment('race'),
      client.getOrCreateExperiment('race'),
    ]);
    expect(a).toBe(b);
    // Both look-ups are in flight before either create, so one create loses with RESOURCE_ALREADY_EXISTS.
    const creates = fake.requests.filter(
      (r) => r.path.endsWith('/experiments/create') && r.body !== undefined,
    );
    expect(creates.filter((r) => (r.body as { name: string }).name === 'race').map((r) => r.status)).toEqual([
      200, 400,
    ]);
    expect(await client.getOrCreateExperiment('client-tests')).toBe(experimentId);
    expect([...fake.state.experiments.values()].filter((e) => e.name === 'race')).toHaveLength(1);
  });

  it('should return null when no experiment has the name', async () => {
    await expect(client.getExperimentByName('missing')).resolves.toBeNull();
  });

  it('should refuse with a clear error when the experiment of that name is deleted', async () => {
    const id = await client.getOrCreateExperiment('deleted-one');
    const experiment = fake.state.experiments.get(id);
    if (experiment) experiment.lifecycleStage = 'deleted';
    await expect(client.getOrCreateExperiment('deleted-one')).rejects.toMatchObject({
      kind: 'unexpected-response',
      retryable: false,
      message: expect.stringContaining('is deleted'),
    });
  });

  it("should surface MLflow's 400 message when a param is re-logged with another value", async () => {
    const { runId } = await newRun();
    await client.logBatch(runId, { params: [{ key: 'batch_size', value: '32' }] });
    await client.logBatch(runId, { params: [{ key: 'batch_size', value: '32' }] });
    const error = await client
      .logBatch(runId, { params: [{ key: 'batch_size', value: '64' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowHttpError);
    expect(error).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE', retryable: false });
    expect((error as MlflowHttpError).message).toContain('Changing param values is not allowed');
  });

  it('should throw when MLflow answers 200 but ignores an unknown status', async () => {
    const { runId } = await newRun();
    const update = { status: 'SUCCEEDED' as TerminalRunStatus, endTime: 2_000 };
    await expect(client.updateRun(runId, update)).rejects.toMatchObject({
      kind: 'unexpected-response',
      retryable: false,
      message: expect.stringContaining('kept run'),
    });
    expect(fake.state.runs.get(runId)?.status).toBe('RUNNING');
  });

  it('should return [] when searchRuns matches nothing and the runs when a tag matches', async () => {
    await expect(
      client.searchRuns({ experimentIds: [experimentId], filter: "tags.item_id = 'Toys'" }),
    ).resolves.toEqual([]);
    const { runId } = await newRun();
    await client.setTag(runId, 'item_id', 'Toys');
    const found = await client.searchRuns({
      experimentIds: [experimentId],
      filter: "tags.item_id = 'Toys'",
      maxResults: 10,
    });
    expect(found.map((r) => r.info.runId)).toEqual([runId]);
  });

  it('should send NaN as protobuf JSON and read it back as NaN when a loss diverges', async () => {
    const { runId } = await newRun();
    await client.logBatch(runId, { metrics: [{ key: 'train_loss', value: NaN, timestamp: 5, step: 1 }] });
    expect(logBatchRequests().at(-1)?.body).toMatchObject({ metrics: [{ value: 'NaN' }] });
    expect((await client.getRun(runId)).metrics[0]?.value).toBeNaN();
  });

  it('should throw 404 RESOURCE_DOES_NOT_EXIST when the run id is unknown', async () => {
    await expect(client.getRun('nope')).rejects.toMatchObject({
      status: 404,
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
    });
  });

  it("should upload bytes under the run's proxied artifact root when uploadArtifact is called", async () => {
    const { runId } = await newRun();
    const bytes = new TextEncoder().encode('{"format":"layers-model"}');
    await client.uploadArtifact({
      experimentId,
      runId,
      path: 'model/model.json',
      bytes,
      contentType: 'application/json',
    });
    const stored = fake.state.artifacts.get(`${experimentId}/${runId}/artifacts/model/model.json`);
    expect(stored?.bytes.toString()).toBe('{"format":"layers-model"}');
    expect(stored?.contentType).toBe('application/json');
    await expect(
      client.uploadArtifact({ experimentId, runId, path: '../x', bytes, contentType: 'text/plain' }),
    ).rejects.toThrow(RangeError);
  });

  it('should report reachability when MLflow is up and when it is down', async () => {
    await expect(client.ping()).resolves.toBe(true);
    await fake.setDown(true);
    try {
      await expect(client.ping()).resolves.toBe(false);
      await expect(newRun()).rejects.toMatchObject({ kind: 'network', retryable: true });
    } finally {
      await fake.setDown(false);
    }
    await expect(client.ping()).resolves.toBe(true);
  });

  it('should build the MLflow UI link of a run when runUrl is called', () => {
    expect(client.runUrl('3', 'abc')).toBe(`${fake.url}/#/experiments/3/runs/abc`);
  });
});
