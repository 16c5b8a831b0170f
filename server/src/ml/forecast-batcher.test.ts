import { beforeAll, describe, expect, it } from '@jest/globals';
import { initBackend } from './backend.js';
import { buildCnnLstm } from './cnn-lstm.model.js';
import { forecastRecursive } from './forecast.js';
import { ForecastBatcher } from './forecast-batcher.js';
import { syntheticSeries, TINY_HP } from './test-hyperparameters.js';
import { getFamily } from './families/registry.js';
import { loadModel } from './model-io.js';
import { tfjsForwardPass } from './onnx/forward-pass.js';

describe('ForecastBatcher', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('should give what forecastRecursive gives when requests with different horizons share passes', async () => {
    const model = buildCnnLstm(TINY_HP, 3);
    const normalization = { mean: 120, std: 25 };
    const batcher = new ForecastBatcher(tfjsForwardPass(model), normalization, 14);
    const histories = [0, 5, 9].map((offset) => syntheticSeries(40).slice(offset, offset + 20));
    const horizons = [1, 4, 7];
    const batched = await Promise.all(histories.map((h, i) => batcher.forecast(h, horizons[i]!)));
    histories.forEach((h, i) => {
      const single = forecastRecursive(model, h, { horizon: horizons[i]!, normalization, windowSize: 14 });
      expect(batched[i]!).toHaveLength(horizons[i]!);
      batched[i]!.forEach((v, j) => expect(v).toBeCloseTo(single[j]!, 3));
    });
    model.dispose();
  });

  it.each(['log1p', 'window'] as const)(
    'should give what the CNN-LSTM family forecasts under %s scaling',
    async (scaling) => {
      const family = await getFamily('CNN_LSTM');
      const values = syntheticSeries(120);
      const fitted = await family.fit(
        { startDate: '2024-01-01', values },
        { seed: 1, hyperparameters: { ...TINY_HP, epochs: 1, scaling } },
      );
      const state = await fitted.state();
      const data = state.data as { normalization: { mean: number; std: number } };
      const model = await loadModel(state.artifacts!);
      const batcher = new ForecastBatcher(tfjsForwardPass(model), data.normalization, 14, scaling);
      const history = values.slice(-20);
      const [a, b] = await Promise.all([
        batcher.forecast(history, 5),
        batcher.forecast(history.slice(0, 16), 3),
      ]);
      (await fitted.forecast(5, history)).forEach((v, j) => expect(a![j]).toBeCloseTo(v, 3));
      (await fitted.forecast(3, history.slice(0, 16))).forEach((v, j) => expect(b![j]).toBeCloseTo(v, 3));
      fitted.dispose();
      model.dispose();
    },
  );

  it('should reject a history shorter than the window', async () => {
    const model = buildCnnLstm(TINY_HP, 3);
    await expect(
      new ForecastBatcher(tfjsForwardPass(model), { mean: 0, std: 1 }, 14).forecast([1, 2], 1),
    ).rejects.toThrow(RangeError);
    model.dispose();
  });
});
