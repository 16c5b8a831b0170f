import { describe, expect, it } from '@jest/globals';
import { coverage, scoreForecast, seasonalScale, smape } from './backtest-metrics.js';

describe('backtest metrics', () => {
  it("should scale MASE by the in-sample seasonal-naive MAE (Hyndman's definition)", () => {
    // |y_t − y_{t−7}| for t = 7, 8: |10 − 1| and |2 − 2| → scale 4.5
    const history = [1, 2, 3, 4, 5, 6, 7, 10, 2];
    expect(seasonalScale(history)).toBeCloseTo(4.5, 12);
    const m = scoreForecast(history, [10, 20], [12, 17]);
    expect(m.mae).toBeCloseTo(2.5, 12);
    expect(m.mase).toBeCloseTo(2.5 / 4.5, 12);
    expect(m.rmse).toBeCloseTo(Math.sqrt(6.5), 12);
  });

  it('should give no MASE when the history has no seasonal variation', () => {
    expect(seasonalScale([5, 5, 5, 5, 5, 5, 5, 5])).toBeNull();
    expect(seasonalScale([1, 2, 3])).toBeNull();
    expect(scoreForecast([5, 5, 5, 5, 5, 5, 5, 5], [1], [2]).mase).toBeNull();
  });

  it('should count a day forecast 0 with 0 sales as a perfect sMAPE day', () => {
    expect(smape([0, 100], [0, 50])).toBeCloseTo((0 + (200 * 50) / 150) / 2, 12);
  });

  it('should count actual values inside the interval, bounds included', () => {
    expect(coverage([1, 5, 9, 3], [0, 5, 0, 4], [2, 6, 8, 5])).toBe(0.5);
  });
});
