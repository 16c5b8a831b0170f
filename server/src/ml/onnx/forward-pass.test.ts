import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { initBackend } from '../backend.js';
import { getFamily } from '../families/registry.js';
import type { FittedModel } from '../families/family.js';
import { ForecastBatcher } from '../forecast-batcher.js';
import type { ModelArtifacts } from '../model-bundle.js';
import { syntheticSeries, TINY_HP } from '../test-hyperparameters.js';
import type { CnnLstmScaling } from '../hyperparameters.js';
import { createForwardPass, type ForwardPass } from './forward-pass.js';

const values = syntheticSeries(200).map((v, i) => v + 15 * Math.sin(i * 1.7)); // less regular than a sine

/** Relative difference, with an absolute floor of 1 sales unit for values near zero. */
function expectAgree(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) =>
    expect(Math.abs(v - expected[i]!) / Math.max(1, Math.abs(expected[i]!))).toBeLessThan(1e-4),
  );
}

describe.each(['zscore', 'window'] as CnnLstmScaling[])(
  'CNN-LSTM serving on ONNX Runtime vs TF.js (a trained version, %s scaling)',
  (scaling) => {
    let fitted: FittedModel;
    let artifacts: ModelArtifacts;
    let data: { normalization: { mean: number; std: number } };
    beforeAll(async () => {
      await initBackend('wasm');
      fitted = await (
        await getFamily('CNN_LSTM')
      ).fit(
        { startDate: '2024-01-01', values },
        { seed: 5, hyperparameters: { ...TINY_HP, epochs: 4, scaling } },
      );
      const state = await fitted.state();
      artifacts = state.artifacts!;
      data = state.data as typeof data;
    });
    afterAll(() => fitted.dispose());

    it('should give the same recursive forecasts, batched between concurrent requests, up to 60 days', async () => {
      const passes: ForwardPass[] = [
        await createForwardPass(artifacts, 'onnx'),
        await createForwardPass(artifacts, 'tfjs'),
      ];
      expect(passes[0]!.engine).toMatch(/^onnxruntime 1\.30\.0$/);
      expect(passes[1]!.engine).toBe('tfjs');
      const [onnx, tfjs] = passes.map((pass) => new ForecastBatcher(pass, data.normalization, 14, scaling));
      const requests = [
        { history: values.slice(-14), horizon: 60 },
        { history: values.slice(50, 64), horizon: 7 },
        { history: values.slice(100, 120), horizon: 1 },
      ];
      const [a, b] = await Promise.all(
        [onnx!, tfjs!].map((batcher) =>
          Promise.all(requests.map((r) => batcher.forecast(r.history, r.horizon))),
        ),
      );
      requests.forEach((_, i) => expectAgree(a![i]!, b![i]!));
      // And what the family itself forecasts (TF.js, one request at a time).
      expectAgree(a![0]!, await fitted.forecast(60, values.slice(-14)));
      passes.forEach((pass) => pass.dispose());
    });
  },
);

describe('the serving engine fallback', () => {
  let artifacts: ModelArtifacts;
  beforeAll(async () => {
    await initBackend('wasm');
    const fitted = await (
      await getFamily('CNN_LSTM')
    ).fit({ startDate: '2024-01-01', values }, { seed: 5, hyperparameters: { ...TINY_HP, epochs: 1 } });
    artifacts = (await fitted.state()).artifacts!;
    fitted.dispose();
  });
  const unavailable = async () => new Error('libonnxruntime.so.1: cannot open shared object file');

  it('should serve with TF.js and warn once when ONNX Runtime cannot load (auto)', async () => {
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    const first = await createForwardPass(artifacts, 'auto', { loadRuntime: unavailable, warn });
    const second = await createForwardPass(artifacts, 'auto', { loadRuntime: unavailable, warn });
    expect([first.engine, second.engine]).toEqual(['tfjs', 'tfjs']);
    expect(warnings).toEqual([
      expect.stringContaining('ONNX Runtime unavailable, serving CNN-LSTM versions with TF.js'),
    ]);
    expect(warnings[0]).toContain('cannot open shared object file');
    const window = values.slice(0, 14).map((v) => (v - 100) / 30);
    const reference = await createForwardPass(artifacts, 'onnx');
    expect(Math.abs((await first.run([window]))[0]! - (await reference.run([window]))[0]!)).toBeLessThan(
      1e-5,
    );
    [first, second, reference].forEach((pass) => pass.dispose());
  });

  it('should fail instead of falling back when the engine is onnx', async () => {
    await expect(createForwardPass(artifacts, 'onnx', { loadRuntime: unavailable })).rejects.toThrow(
      'cannot open shared object file',
    );
  });
});
