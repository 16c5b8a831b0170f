/**
 * Contract checks of the fake MLflow server with raw `fetch`: each test pins one behaviour of a real
 * MLflow 2.x tracking server that our client and the sync outbox rely on (see the fake's docblocks).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeMlflowServer, type FakeMlflowServer } from './fake-mlflow-server.js';

describe('startFakeMlflowServer', () => {
  let fake: FakeMlflowServer;
  const api = (path: string) => `${fake.url}/api/2.0/mlflow/${path}`;
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(api(path), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };
  const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
  let experimentId: string;
  const newRun = async () => {
    const res = await post('runs/create', {
      experiment_id: experimentId,
      run_name: 'r',
      start_time: 1,
      tags: [],
    });
    return (json(res.text).run as { info: { run_id: string } }).info.run_id;
  };

  beforeAll(async () => {
    fake = await startFakeMlflowServer();
    experimentId = json((await post('experiments/create', { name: 'contract' })).text)
      .experiment_id as string;
  });
  afterAll(() => fake.stop());

  it('should answer 400 INVALID_PARAMETER_VALUE when a POST lacks Content-Type application/json', async () => {
    const res = await post('experiments/create', { name: 'x' }, { 'Content-Type': 'text/plain' });
    expect(res.status).toBe(400);
    expect(json(res.text)).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: "Bad Request. Content-Type must be one of [application/json]. Got 'text/plain'.",
    });
  });

  it('should answer 400 RESOURCE_ALREADY_EXISTS when an experiment name is taken', async () => {
    const res = await post('experiments/create', { name: 'contract' });
    expect(res.status).toBe(400);
    expect(json(res.text).error_code).toBe('RESOURCE_ALREADY_EXISTS');
  });

  it('should answer 404 RESOURCE_DOES_NOT_EXIST when get-by-name finds nothing', async () => {
    const res = await fetch(api('experiments/get-by-name?experiment_name=nope'));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: "Could not find experiment with name 'nope'",
    });
  });

  it('should add the mlflow.runName tag and an mlflow-artifacts URI when a run is created', async () => {
    const runId = await newRun();
    const run = fake.state.runs.get(runId);
    expect(run?.tags.get('mlflow.runName')).toBe('r');
    expect(run?.artifactUri).toBe(`mlflow-artifacts:/${experimentId}/${runId}/artifacts`);
    expect(run?.status).toBe('RUNNING');
  });

  it('should answer 400 INVALID_PARAMETER_VALUE when a metric has no timestamp', async () => {
    const res = await post('runs/log-batch', {
      run_id: await newRun(),
      metrics: [{ key: 'loss', value: 1, step: 1 }],
    });
    expect(res.status).toBe(400);
    expect(json(res.text).error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(json(res.text).message).toContain("Missing value for required parameter 'metrics[0].timestamp'");
  });

  it('should accept the same param value again but answer 400 when the value changes', async () => {
    const runId = await newRun();
    expect(
      (await post('runs/log-batch', { run_id: runId, params: [{ key: 'lr', value: '0.1' }] })).status,
    ).toBe(200);
    expect(
      (await post('runs/log-batch', { run_id: runId, params: [{ key: 'lr', value: '0.1' }] })).status,
    ).toBe(200);
    const res = await post('runs/log-batch', { run_id: runId, params: [{ key: 'lr', value: '0.2' }] });
    expect(res.status).toBe(400);
    expect(json(res.text).error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(json(res.text).message).toContain('Changing param values is not allowed');
    expect(fake.state.runs.get(runId)?.params.get('lr')).toBe('0.1');
  });

  it.each([
    ['1001 metrics', { metrics: 1001, params: 0, tags: 0 }, 'at most 1000 metrics'],
    ['101 params', { metrics: 0, params: 101, tags: 0 }, 'at most 100 params'],
    ['101 tags', { metrics: 0, params: 0, tags: 101 }, 'at most 100 tags'],
    [
      '1001 entities in all',
      { metrics: 900, params: 100, tags: 1 },
      'at most 1000 metrics, params, and tags',
    ],
  ])('should answer 400 when a log-batch has %s', async (_label, counts, message) => {
    const runId = await newRun();
    const res = await post('runs/log-batch', {
      run_id: runId,
      metrics: Array.from({ length: counts.metrics }, (_, i) => ({
        key: 'm',
        value: i,
        timestamp: 1,
        step: i,
      })),
      params: Array.from({ length: counts.params }, (_, i) => ({ key: `p${i}`, value: 'v' })),
      tags: Array.from({ length: counts.tags }, (_, i) => ({ key: `t${i}`, value: 'v' })),
    });
    expect(res.status).toBe(400);
    expect(json(res.text).message).toContain(message);
    expect(fake.state.runs.get(runId)?.metrics).toHaveLength(0);
  });

  it('should answer 400 when a param value is longer than 6000 characters', async () => {
    const res = await post('runs/log-batch', {
      run_id: await newRun(),
      params: [{ key: 'p', value: 'x'.repeat(6001) }],
    });
    expect(res.status).toBe(400);
    expect(json(res.text).message).toContain('exceeded length limit of 6000');
  });

  it('should answer 404 RESOURCE_DOES_NOT_EXIST when the run id is unknown', async () => {
    const res = await post('runs/log-batch', {
      run_id: 'nope',
      metrics: [{ key: 'm', value: 1, timestamp: 1 }],
    });
    expect(res.status).toBe(404);
    expect(json(res.text)).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'Run with id=nope not found',
    });
  });

  it('should answer 405 with an HTML page when runs/search is called with GET', async () => {
    const res = await fetch(api('runs/search'));
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('should answer {} without a runs key when runs/search matches nothing', async () => {
    const res = await post('runs/search', {
      experiment_ids: [experimentId],
      filter: "tags.item_id = 'none'",
    });
    expect(res.status).toBe(200);
    expect(json(res.text)).toEqual({});
  });

  it('should find runs by tag when runs/search has a filter', async () => {
    const runId = await newRun();
    await post('runs/set-tag', { run_id: runId, key: 'item_id', value: 'Beauty' });
    const res = json(
      (await post('runs/search', { experiment_ids: [experimentId], filter: "tags.item_id = 'Beauty'" })).text,
    );
    expect((res.runs as { info: { run_id: string } }[]).map((r) => r.info.run_id)).toEqual([runId]);
  });

  it('should answer 200 and keep the status when runs/update gets an unknown status', async () => {
    const runId = await newRun();
    const res = await post('runs/update', { run_id: runId, status: 'SUCCEEDED', end_time: 5 });
    expect(res.status).toBe(200);
    expect((json(res.text).run_info as { status: string }).status).toBe('RUNNING');
    expect(fake.state.runs.get(runId)?.status).toBe('RUNNING');
  });

  it('should answer an HTML 500 page when a log-batch body is malformed JSON', async () => {
    const res = await post('runs/log-batch', '{"run_id": ');
    expect(res.status).toBe(500);
    expect(res.type).toContain('text/html');
    expect(res.text).toContain('Internal Server Error');
  });

  it('should treat malformed JSON as {} when the endpoint is not log-batch, as MLflow does', async () => {
    const res = await post('runs/update', '{"run_id": ');
    expect(res.status).toBe(400);
    expect(json(res.text).message).toContain("Missing value for required parameter 'run_id'");
  });

  it('should store raw bytes when an artifact is PUT through the proxy', async () => {
    const runId = await newRun();
    const path = `${experimentId}/${runId}/artifacts/model/weights.bin`;
    const res = await fetch(`${fake.url}/api/2.0/mlflow-artifacts/artifacts/${path}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array([1, 2, 3]),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect([...(fake.state.artifacts.get(path)?.bytes ?? [])]).toEqual([1, 2, 3]);
  });

  it('should record method, path and body when requests arrive', async () => {
    const before = fake.requests.length;
    await post('runs/set-tag', { run_id: 'nope', key: 'k', value: 'v' });
    expect(fake.requests.slice(before)).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/2.0/mlflow/runs/set-tag',
        body: { run_id: 'nope', key: 'k', value: 'v' },
        status: 404,
      }),
    ]);
  });

  it('should refuse connections when down and serve the same state on the same port when back up', async () => {
    await fake.setDown(true);
    await expect(fetch(api('experiments/get-by-name?experiment_name=contract'))).rejects.toThrow();
    await fake.setDown(false);
    const res = await fetch(api('experiments/get-by-name?experiment_name=contract'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { experiment: { experiment_id: string } }).experiment.experiment_id).toBe(
      experimentId,
    );
  });
});
