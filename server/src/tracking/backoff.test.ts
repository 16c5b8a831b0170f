/**
 * Backoff of the MLflow sync: growth, cap and jitter bounds.
 */
import { describe, expect, it } from '@jest/globals';
import { computeBackoff } from './backoff.js';

describe('computeBackoff', () => {
  it('should double the ceiling per failed attempt when below the cap', () => {
    const top = (attempt: number) => computeBackoff(attempt, { baseMs: 100, maxMs: 10_000, random: () => 1 });
    expect([1, 2, 3, 4].map(top)).toEqual([100, 200, 400, 800]);
  });

  it('should keep half of the ceiling fixed when the random draw is 0', () => {
    expect(computeBackoff(3, { baseMs: 100, random: () => 0 })).toBe(200);
  });

  it('should never exceed the cap when attempts grow without bound', () => {
    for (const attempt of [10, 100, 10_000]) {
      expect(
        computeBackoff(attempt, { baseMs: 1000, maxMs: 300_000, random: () => 0.999 }),
      ).toBeLessThanOrEqual(300_000);
    }
    expect(computeBackoff(1e9, { random: () => 1 })).toBe(300_000);
  });

  it('should spread delays between half and all of the ceiling when the draw is random', () => {
    const delays = Array.from({ length: 200 }, () => computeBackoff(5, { baseMs: 100 }));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(800);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1600);
    expect(new Set(delays).size).toBeGreaterThan(10);
  });

  it('should treat attempt 0 like the first attempt', () => {
    expect(computeBackoff(0, { baseMs: 100, random: () => 1 })).toBe(100);
  });
});
