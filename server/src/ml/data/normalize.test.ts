/**
 * Tests for z-normalisation: population std, the std-0 fallback, input checks and the denormalize round trip.
 * Train-only fitting is asserted end to end in prepare-dataset.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { denormalize, fitNormalization, normalize } from './normalize.js';

describe('fitNormalization', () => {
  it('should use the population standard deviation when fitting', () => {
    expect(fitNormalization([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: 2 });
  });

  it('should use std 1 when the training values are constant', () => {
    const n = fitNormalization([3, 3, 3]);
    expect(n).toEqual({ mean: 3, std: 1 });
    expect(normalize([3, 5], n)).toEqual([0, 2]);
  });

  it('should throw a RangeError when there are no values or a value is not finite', () => {
    expect(() => fitNormalization([])).toThrow(RangeError);
    expect(() => fitNormalization([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('normalize', () => {
  it('should give mean 0 and std 1 on the values it was fitted on', () => {
    const train = [10, 20, 30, 40];
    const z = normalize(train, fitNormalization(train));
    expect(z.reduce((a, b) => a + b, 0)).toBeCloseTo(0);
    expect(Math.sqrt(z.reduce((a, b) => a + b * b, 0) / z.length)).toBeCloseTo(1);
  });
});

describe('denormalize', () => {
  it('should invert normalize when given its output', () => {
    const n = fitNormalization([1, 5, 9, 2]);
    const values = [-3, 0, 4.5, 100];
    denormalize(normalize(values, n), n).forEach((value, i) => expect(value).toBeCloseTo(values[i]!, 10));
  });
});
