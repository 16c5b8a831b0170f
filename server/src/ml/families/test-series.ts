/**
 * Test-only daily series for the family and backtest tests: a weekly pattern on a trend with seeded
 * noise, and a history helper. Not used by product code.
 */
import seedrandom from 'seedrandom';
import type { History } from './family.js';

/** `days` values: level 200 + trend + a weekly pattern (weekends high) + noise of sd ≈ `noise`. */
export function weeklySeries(days: number, noise = 10, seed = 'series'): number[] {
  const random = seedrandom(seed);
  const weekly = [0, -20, -10, 0, 10, 60, 40];
  return Array.from({ length: days }, (_, i) => {
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return 200 + 0.2 * i + weekly[i % 7]! + noise * gaussian;
  });
}

/** A history starting on 2024-01-01. */
export function historyOf(values: readonly number[]): History {
  return { startDate: '2024-01-01', values };
}
