/**
 * predict through GraphQL is served by ONNX Runtime (serving.engine auto) and equals the TF.js forecast
 * of the same stored version, over a recursive 30-day horizon.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadServingModel } from '../../src/ml/families/serving-model.js';
import { deserializeBundle } from '../../src/ml/model-bundle.js';
import { boundedForecast } from '../../src/ml/prediction-interval.js';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { trainAndWait } from '../utils/train-and-wait.js';

describe('predict served by ONNX Runtime', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('should say ONNX Runtime serves and forecast what TF.js forecasts with the same version', async () => {
    const info = await gql<{ serverInfo: { servingEngine: string } }>(
      server,
      '{ serverInfo { servingEngine } }',
    );
    expect(info.data!.serverInfo.servingEngine).toBe('onnxruntime 1.30.0');
    expect((await trainAndWait(server, 'Beauty', 2)).status).toBe('SUCCEEDED');
    const all = await gql<{ series: { points: { value: number }[] } }>(
      server,
      '{ series(category: "Beauty") { points { value } } }',
    );
    const series = all.data!.series.points.slice(-20, -6).map((p) => p.value);
    const predicted = await gql<{ predict: { modelVersionId: string; values: number[]; lower: number[] } }>(
      server,
      'mutation ($s: [Float!]!) { predict(input: { category: "Beauty", series: $s, horizon: 30 }) { modelVersionId values lower } }',
      { s: series },
    );
    expect(predicted.errors).toBeUndefined();
    const { modelVersionId, values, lower } = predicted.data!.predict;

    const row = await server.prisma.modelVersion.findUniqueOrThrow({
      where: { id: modelVersionId },
      select: { artifact: true },
    });
    const tfjs = await loadServingModel(deserializeBundle(row.artifact), 'tfjs');
    expect(tfjs.engine).toBe('tfjs');
    const expected = boundedForecast(await tfjs.forecast(series, 30), tfjs.meta.interval);
    tfjs.dispose();
    expect(values).toHaveLength(30);
    const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
    values.forEach((v, i) => expect(relative(v, expected.values[i]!)).toBeLessThan(1e-4));
    lower.forEach((v, i) => expect(relative(v, expected.lower[i]!)).toBeLessThan(1e-4));
    // Not a constant: the forecast follows the series (a broken graph tends to output one value).
    expect(new Set(values.map((v) => v.toFixed(3))).size).toBeGreaterThan(1);
  }, 240_000); // training on a shared 2-core machine
});
