/**
 * Tests for prepareDataset: the original system's window counts, per-part windows on normalised values,
 * train-only normalisation, and NOT_ENOUGH_DAYS with the exact minimum it asks for.
 */
import { describe, expect, it } from '@jest/globals';
import type { DailySeries } from './daily-series.js';
import { DataError } from './data-error.js';
import { prepareDataset } from './prepare-dataset.js';

const OPTIONS = { windowSize: 14, validationFraction: 0.2 };

function makeTestSeries(values: number[]): DailySeries {
  const dates = values.map((_, i) => new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10));
  return { category: 'Test', dates, values };
}

const wave = (length: number): number[] => Array.from({ length }, (_, i) => 100 + 10 * Math.sin(i) + i);

describe('prepareDataset', () => {
  it('should match the original system when given 365 days, window 14 and validation 0.2', () => {
    const dataset = prepareDataset(makeTestSeries(wave(365)), OPTIONS);
    expect(dataset.split.train).toHaveLength(292);
    expect(dataset.train.inputs).toHaveLength(278);
    expect(dataset.split.validation).toHaveLength(73);
    expect(dataset.validation.inputs).toHaveLength(59);
    expect(dataset.validationTargetDates[0]).toBe('2023-11-03');
    expect(dataset.validationTargetDates.at(-1)).toBe('2023-12-31');
  });

  it('should window normalised values of each part separately when preparing', () => {
    const values = wave(100);
    const dataset = prepareDataset(makeTestSeries(values), { windowSize: 5, validationFraction: 0.2 });
    const { mean, std } = dataset.normalization;
    expect(dataset.train.inputs[0]![0]).toBeCloseTo((values[0]! - mean) / std);
    expect(dataset.train.targets.at(-1)).toBeCloseTo((values[79]! - mean) / std);
    expect(dataset.validation.inputs[0]![0]).toBeCloseTo((values[80]! - mean) / std);
    expect(dataset.validation.targets[0]).toBeCloseTo((values[85]! - mean) / std);
  });

  it('should fit the normalisation on training days only when validation values change', () => {
    const values = wave(100);
    const changed = values.map((value, i) => (i >= 80 ? value * 50 + 1000 : value));
    const a = prepareDataset(makeTestSeries(values), OPTIONS);
    const b = prepareDataset(makeTestSeries(changed), OPTIONS);
    expect(b.normalization).toEqual(a.normalization);
    expect(b.train).toEqual(a.train);
    expect(b.validation.targets).not.toEqual(a.validation.targets);
  });

  it('should throw NOT_ENOUGH_DAYS saying how many days are needed when a part is shorter than a window', () => {
    const error = (() => {
      try {
        return prepareDataset(makeTestSeries(wave(40)), OPTIONS);
      } catch (e) {
        return e;
      }
    })() as DataError;
    expect(error).toBeInstanceOf(DataError);
    expect(error.code).toBe('NOT_ENOUGH_DAYS');
    expect(error.message).toContain('has 40 day(s) (32 train, 8 validation)');
    expect(error.message).toContain('at least 73 days');
    expect(error.details).toMatchObject({ days: 40, needed: 73 });
  });

  it('should succeed with exactly the minimum number of days it asks for', () => {
    const dataset = prepareDataset(makeTestSeries(wave(73)), OPTIONS);
    expect(dataset.validation.inputs).toHaveLength(1);
    expect(() => prepareDataset(makeTestSeries(wave(72)), OPTIONS)).toThrow(DataError);
  });

  it('should throw NOT_ENOUGH_DAYS when the series has a single day', () => {
    expect(() => prepareDataset(makeTestSeries([5]), OPTIONS)).toThrow('at least 73 days');
  });
});
