import { describe, expect, it } from 'vitest';
import { baselineVerdict, metricRows } from './metrics';

const m = (mae: number, naiveMae: number, seasonalNaiveMae: number) => ({
  mae,
  naiveMae,
  seasonalNaiveMae,
  rmse: 1,
  naiveRmse: 2,
  seasonalNaiveRmse: 3,
  mase: mae / seasonalNaiveMae,
});

describe('baselineVerdict', () => {
  it('should say the model beats both baselines when its MAE is below both', () => {
    expect(baselineVerdict(m(1, 2, 3))).toBe('beats-both');
  });

  it('should say which baseline wins when the model loses to one', () => {
    expect(baselineVerdict(m(2, 3, 1))).toBe('beats-naive-only');
    expect(baselineVerdict(m(2, 1, 3))).toBe('beats-seasonal-only');
  });

  it('should say the model loses when it ties or is worse', () => {
    expect(baselineVerdict(m(2, 2, 2))).toBe('loses');
  });
});

describe('metricRows', () => {
  it('should pair each model metric with its baselines', () => {
    expect(metricRows(m(1, 2, 3))).toEqual([
      { metric: 'MAE', model: 1, naive: 2, seasonalNaive: 3 },
      { metric: 'RMSE', model: 1, naive: 2, seasonalNaive: 3 },
    ]);
  });
});
