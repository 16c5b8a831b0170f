import { describe, expect, it } from '@jest/globals';
import {
  describeVerdict,
  evaluateForecasts,
  mae,
  naiveForecasts,
  rmse,
  seasonalNaiveForecasts,
} from './evaluate.js';

describe('evaluate', () => {
  // Two windows of 8 days; targets 10 and 20. Hand-computed below.
  const windows = [
    [1, 2, 3, 4, 5, 6, 7, 8],
    [2, 3, 4, 5, 6, 7, 8, 9],
  ];
  const actual = [10, 20];
  const predicted = [12, 17];

  it('should compute RMSE and MAE when given hand-checked values', () => {
    expect(mae(actual, predicted)).toBeCloseTo((2 + 3) / 2, 12);
    expect(rmse(actual, predicted)).toBeCloseTo(Math.sqrt((4 + 9) / 2), 12);
  });

  it('should take the last value as naive and the value 7 days before the target as seasonal naive', () => {
    expect(naiveForecasts(windows)).toEqual([8, 9]);
    // target index 8 → same weekday last week is index 1 of the window
    expect(seasonalNaiveForecasts(windows)).toEqual([2, 3]);
  });

  it('should score model and baselines on the same windows with MASE against seasonal naive', () => {
    const m = evaluateForecasts(windows, actual, predicted);
    expect(m.naiveMae).toBeCloseTo((2 + 11) / 2, 12);
    expect(m.naiveRmse).toBeCloseTo(Math.sqrt((4 + 121) / 2), 12);
    expect(m.seasonalNaiveMae).toBeCloseTo((8 + 17) / 2, 12);
    expect(m.seasonalNaiveRmse).toBeCloseTo(Math.sqrt((64 + 289) / 2), 12);
    expect(m.mase).toBeCloseTo(2.5 / 12.5, 12);
  });

  it('should give a null MASE when the seasonal-naive error is zero', () => {
    const flat = [[5, 5, 5, 5, 5, 5, 5]];
    expect(evaluateForecasts(flat, [5], [6]).mase).toBeNull();
  });

  it('should throw when arrays are empty or of unequal length', () => {
    expect(() => mae([], [])).toThrow(RangeError);
    expect(() => rmse([1], [1, 2])).toThrow(RangeError);
    expect(() => seasonalNaiveForecasts([[1, 2, 3]])).toThrow(/shorter than the season/);
  });

  it('should say the model loses when a baseline has the lower MAE', () => {
    const m = evaluateForecasts(windows, actual, [30, 40]);
    expect(describeVerdict(m)).toMatch(/^LOSES to naive/);
    expect(describeVerdict(evaluateForecasts(windows, actual, actual))).toMatch(/^beats both/);
  });
});
