import { describe, expect, it } from '@jest/globals';
import {
  boundedForecast,
  conformalHalfWidth,
  fitPredictionInterval,
  intervalBounds,
} from './prediction-interval.js';

describe('prediction-interval', () => {
  it('should take the ceil((n+1)c)-th smallest absolute residual when fitting', () => {
    const residuals = [-1, 2, -3, 4, -5, 6, -7, 8, -9]; // |r| = 1..9, n = 9
    expect(conformalHalfWidth(residuals, 0.8)).toBe(8); // ceil(10 · 0.8) = 8
    expect(conformalHalfWidth(residuals, 0.95)).toBe(9); // capped at n
  });

  it('should measure coverage on held-out halves when fitting', () => {
    const residuals = Array.from({ length: 200 }, (_, i) => ((i * 37) % 100) - 50);
    const interval = fitPredictionInterval(residuals, 0.9);
    expect(interval.validationCoverage).not.toBeNull();
    expect(interval.validationCoverage!).toBeGreaterThan(0.85);
    expect(interval.validationCoverage!).toBeLessThan(0.97);
  });

  it('should widen the interval by the square root of the step', () => {
    const { lower, upper } = intervalBounds([10, 10, 10, 10], { halfWidth: 2 });
    const expected = [2, 2 * Math.SQRT2, 2 * Math.sqrt(3), 4];
    upper.forEach((u, i) => expect(u - 10).toBeCloseTo(expected[i]!, 12));
    expect(lower[3]).toBe(6);
  });

  it('should hold values and bounds at the floor when the interval has one', () => {
    const path = boundedForecast([5, -1], { halfWidth: 10, floor: 0 });
    expect(path).toEqual({ values: [5, 0], lower: [0, 0], upper: [15, -1 + 10 * Math.SQRT2] });
    expect(boundedForecast([5], { halfWidth: 10, floor: null }).lower).toEqual([-5]);
    expect(fitPredictionInterval([1, 2, 3], 0.9, { floor: 0 }).floor).toBe(0);
  });

  it('should throw when there are no residuals', () => {
    expect(() => conformalHalfWidth([], 0.9)).toThrow(RangeError);
  });

  it('should use per-step widths when calibrated on backtests, growing by √(h/H) past the last step', () => {
    const { lower, upper } = intervalBounds([10, 10, 10, 10], { halfWidth: 1, stepHalfWidths: [1, 2] });
    expect(upper).toEqual([11, 12, 10 + 2 * Math.sqrt(3 / 2), 10 + 2 * Math.sqrt(2)]);
    expect(lower[1]).toBe(8);
  });
});
