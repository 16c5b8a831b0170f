import { beforeAll, describe, expect, it } from '@jest/globals';
import { initBackend } from './backend.js';
import { buildCnnLstm } from './cnn-lstm.model.js';
import { forecastRecursive } from './forecast.js';
import { ForecastBatcher } from './forecast-batcher.js';
import { syntheticSeries, TINY_HP } from './test-hyperparameters.js';

describe('ForecastBatcher', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('should give what forecastRecursive gives when requests with different horizons share passes', async () => {
    const model = buildCnnLstm(TINY_HP, 3);
    const normalization = { mean: 120, std: 25 };
    const batcher = new ForecastBatcher(model, normalization, 14);
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

  it('should reject a history shorter than the window', async () => {
    const model = buildCnnLstm(TINY_HP, 3);
    await expect(new ForecastBatcher(model, { mean: 0, std: 1 }, 14).forecast([1, 2], 1)).rejects.toThrow(
      RangeError,
    );
    model.dispose();
  });
});
