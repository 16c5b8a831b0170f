/**
 * Tests for the chronological split: sizes (365 → 292 + 73), rounding, dates, no mutation, bad fractions.
 */
import { describe, expect, it } from '@jest/globals';
import type { DailySeries } from './daily-series.js';
import { splitChronological } from './split.js';

function makeTestSeries(length: number): DailySeries {
  const dates = Array.from({ length }, (_, i) =>
    new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10),
  );
  return { category: 'Test', dates, values: dates.map((_, i) => i) };
}

describe('splitChronological', () => {
  it('should put the first 80% of days in train and the rest in validation when the fraction is 0.2', () => {
    const split = splitChronological(makeTestSeries(365), 0.2);
    expect(split.train).toHaveLength(292);
    expect(split.validation).toHaveLength(73);
    expect(split.train.at(-1)).toBe(291);
    expect(split.validation[0]).toBe(292);
    expect(split.trainDates.at(-1)).toBe('2023-10-19');
    expect(split.validationDates[0]).toBe('2023-10-20');
    expect(split.validationDates.at(-1)).toBe('2023-12-31');
  });

  it('should round the training length when n × (1 - f) is not whole', () => {
    expect(splitChronological(makeTestSeries(10), 0.25).train).toHaveLength(8);
    expect(splitChronological(makeTestSeries(10), 0.33).train).toHaveLength(7);
  });

  it('should not change the series when splitting it', () => {
    const series = makeTestSeries(5);
    splitChronological(series, 0.2).train.push(99);
    expect(series.values).toEqual([0, 1, 2, 3, 4]);
  });

  it('should throw a RangeError when the fraction is not strictly between 0 and 1', () => {
    for (const fraction of [0, 1, -0.1, Number.NaN]) {
      expect(() => splitChronological(makeTestSeries(5), fraction)).toThrow(RangeError);
    }
  });
});
