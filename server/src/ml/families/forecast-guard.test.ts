import { describe, expect, it } from '@jest/globals';
import { applyFloor, forecastProblem, salesFloor } from './forecast-guard.js';

describe('forecastProblem', () => {
  const history = [100, 120, 80, 0, 150];

  it('should accept a forecast inside the widened range of the history', () => {
    expect(forecastProblem([90, 140, 0, 300], history)).toBeNull();
  });

  it('should name the step when a forecast is not finite', () => {
    expect(forecastProblem([90, Number.NaN], history)).toMatch(/non-finite forecast at step 2/);
    expect(forecastProblem([Infinity], history)).toMatch(/step 1/);
  });

  it('should reject a forecast far outside the range, as a diverged SARIMA gives', () => {
    expect(forecastProblem([90, 1e9], history)).toMatch(/far outside the history's range/);
    expect(forecastProblem([-400], history)).toMatch(/step 1/);
  });
});

describe('salesFloor', () => {
  it('should floor at 0 only when no day of the history is negative', () => {
    expect(salesFloor([0, 3, 5])).toBe(0);
    expect(salesFloor([0, -3, 5])).toBeNull();
    expect(applyFloor([-2, 4], 0)).toEqual([0, 4]);
    expect(applyFloor([-2, 4], null)).toEqual([-2, 4]);
  });
});
