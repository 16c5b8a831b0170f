/**
 * Tests for the daily series: per-day sums, zero-filled gaps, unsorted input, a single day, an unknown
 * category, and UTC date arithmetic across DST changes and a leap day.
 */
import { describe, expect, it } from '@jest/globals';
import { buildDailySeries, fromDayNumber, listCategories, toDayNumber } from './daily-series.js';
import { DataError } from './data-error.js';
import type { SaleRow, SalesTable } from './read-sales-csv.js';

function makeTestTable(rows: SaleRow[]): SalesTable {
  return { source: 'data/test.csv', rows, badRows: [], totalRows: rows.length };
}

const TABLE = makeTestTable([
  { date: '2023-01-05', category: 'Beauty', amount: 50 },
  { date: '2023-01-01', category: 'Beauty', amount: 30 },
  { date: '2023-01-03', category: 'Clothing', amount: 7 },
  { date: '2023-01-03', category: 'Beauty', amount: 150 },
  { date: '2023-01-01', category: 'Beauty', amount: 20 },
  { date: '2023-01-02', category: 'Clothing', amount: -5 },
]);

describe('buildDailySeries', () => {
  it('should sum per day and zero-fill the missing days when dates are unsorted and have gaps', () => {
    expect(buildDailySeries(TABLE, 'Beauty')).toEqual({
      category: 'Beauty',
      dates: ['2023-01-01', '2023-01-02', '2023-01-03', '2023-01-04', '2023-01-05'],
      values: [50, 0, 150, 0, 50],
    });
  });

  it("should span only the category's own first and last day when other categories cover other days", () => {
    expect(buildDailySeries(TABLE, 'Clothing')).toEqual({
      category: 'Clothing',
      dates: ['2023-01-02', '2023-01-03'],
      values: [-5, 7],
    });
  });

  it('should return a series of length 1 when the category sold on a single day', () => {
    const table = makeTestTable([{ date: '2024-02-29', category: 'Home', amount: 3 }]);
    expect(buildDailySeries(table, 'Home')).toEqual({ category: 'Home', dates: ['2024-02-29'], values: [3] });
  });

  it('should list the available categories when the category has no rows', () => {
    const error = (() => {
      try {
        return buildDailySeries(TABLE, 'Toys');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).code).toBe('CATEGORY_NOT_FOUND');
    expect((error as DataError).message).toBe(
      'category "Toys" has no rows in data/test.csv (available: Beauty, Clothing)',
    );
  });

  it('should suggest the right spelling when the category differs only in case', () => {
    expect(() => buildDailySeries(TABLE, 'beauty')).toThrow('did you mean "Beauty"?');
  });

  it('should give consecutive calendar days when the range crosses DST changes and leap days', () => {
    const savedTz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const table = makeTestTable([
        { date: '2024-02-27', category: 'Home', amount: 1 },
        { date: '2024-11-04', category: 'Home', amount: 2 },
      ]);
      const series = buildDailySeries(table, 'Home');
      expect(series.dates).toHaveLength(252);
      expect(series.dates.slice(0, 4)).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
      expect(series.dates).toContain('2024-03-10');
      expect(series.dates).toContain('2024-11-03');
      expect(new Set(series.dates).size).toBe(252);
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });
});

describe('listCategories', () => {
  it('should return distinct names sorted when rows repeat categories in any order', () => {
    expect(listCategories(TABLE)).toEqual(['Beauty', 'Clothing']);
  });
});

describe('toDayNumber', () => {
  it('should round-trip through fromDayNumber when given calendar dates', () => {
    expect(toDayNumber('1970-01-02')).toBe(1);
    for (const date of ['2022-01-01', '2024-02-29', '2024-12-31']) {
      expect(fromDayNumber(toDayNumber(date))).toBe(date);
    }
    expect(toDayNumber('2024-03-01') - toDayNumber('2024-02-28')).toBe(2);
  });
});
