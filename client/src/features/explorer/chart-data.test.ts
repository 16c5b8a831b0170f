import { describe, expect, it } from 'vitest';
import { dateRangeError, summarize, toSalesChartSeries } from './chart-data';

const points = [
  { date: '2024-01-01', value: 10, rollingAverage: null },
  { date: '2024-01-02', value: 20, rollingAverage: 15 },
  { date: '2024-01-03', value: 30, rollingAverage: 25 },
];

describe('toSalesChartSeries', () => {
  it('should put the rolling average first (drawn on top) and skip days without one', () => {
    const [average, daily] = toSalesChartSeries(points, 2);
    expect(average).toEqual({
      id: '2-day average',
      data: [
        { x: '2024-01-02', y: 15 },
        { x: '2024-01-03', y: 25 },
      ],
    });
    expect(daily!.data).toHaveLength(3);
  });

  it('should return only the daily series when no day has an average', () => {
    expect(toSalesChartSeries([{ date: '2024-01-01', value: 1 }], 7).map((s) => s.id)).toEqual([
      'Daily sales',
    ]);
  });
});

describe('dateRangeError', () => {
  it('should accept empty bounds and an ordered range', () => {
    expect(dateRangeError({ from: '', to: '' })).toBeNull();
    expect(dateRangeError({ from: '2024-01-01', to: '2024-01-01' })).toBeNull();
  });

  it('should flag the end date when the range is reversed', () => {
    expect(dateRangeError({ from: '2024-02-01', to: '2024-01-01' })).toEqual({
      to: expect.stringMatching(/before/),
    });
  });

  it('should flag a malformed date on its own field', () => {
    expect(dateRangeError({ from: '2024-13-45', to: '' })).toEqual({ from: expect.any(String) });
  });
});

describe('summarize', () => {
  it('should count days and average per day', () => {
    expect(summarize(points)).toEqual({ days: 3, total: 60, mean: 20 });
    expect(summarize([])).toEqual({ days: 0, total: 0, mean: 0 });
  });
});
