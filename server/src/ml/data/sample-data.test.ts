/**
 * Tests for the sample data generator: seed determinism, the 9-column format, order, volume, zero days,
 * weekly and yearly patterns, and that readSalesCsv reads its output without bad rows.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { buildDailySeries } from './daily-series.js';
import { readSalesCsv, type SalesTable } from './read-sales-csv.js';
import { DEFAULT_CATEGORY_PROFILES, generateSampleTransactions, SAMPLE_HEADER } from './sample-data.js';

const DEFAULTS = { seed: 42, startDate: '2022-01-01', days: 1096 };
const CATEGORIES = ['Beauty', 'Clothing', 'Electronics', 'Groceries', 'Home'];

let rows: string[][] = [];
let table: SalesTable;
beforeAll(() => {
  rows = [...generateSampleTransactions(DEFAULTS)];
  const sales = rows.map((row) => ({ date: row[1]!, category: row[5]!, amount: Number(row[8]) }));
  table = { source: 'generated', rows: sales, badRows: [], totalRows: sales.length };
});

describe('generateSampleTransactions', () => {
  it('should give identical rows when the seed is the same and different rows when it is not', () => {
    const options = { seed: 7, startDate: '2023-03-01', days: 30 };
    const first = [...generateSampleTransactions(options)];
    expect([...generateSampleTransactions(options)]).toEqual(first);
    expect([...generateSampleTransactions({ ...options, seed: 8 })]).not.toEqual(first);
  });

  it('should write rows in the original 9-column format when generating', () => {
    expect(SAMPLE_HEADER).toEqual([
      'Transaction ID',
      'Date',
      'Customer ID',
      'Gender',
      'Age',
      'Product Category',
      'Quantity',
      'Price per Unit',
      'Total Amount',
    ]);
    const problems = rows.filter(([, , customer, gender, age, , quantity, price, total]) => {
      const fine = /^CUST\d{5}$/.test(customer!) && ['Male', 'Female'].includes(gender!) && Number(age) >= 18;
      return !(
        fine &&
        ['1', '2', '3', '4'].includes(quantity!) &&
        Number(total) === Number(quantity) * Number(price)
      );
    });
    expect(rows.every((row) => row.length === 9)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('should sort rows by date with increasing ids over the whole range when using the defaults', () => {
    expect(rows.every((row, i) => row[0] === String(i + 1))).toBe(true);
    expect(rows.every((row, i) => i === 0 || row[1]! >= rows[i - 1]![1]!)).toBe(true);
    expect(rows[0]![1]).toBe('2022-01-01');
    expect(rows.at(-1)![1]).toBe('2024-12-31');
    expect(rows.length * 60).toBeLessThan(6_000_000);
  });

  it('should produce every category with about 8–20 transactions a day when using the defaults', () => {
    for (const category of CATEGORIES) {
      const perDay = rows.filter((row) => row[5] === category).length / DEFAULTS.days;
      expect(perDay).toBeGreaterThan(8);
      expect(perDay).toBeLessThan(22);
    }
  });

  it('should leave some days without sales so the series has zero-filled gaps', () => {
    for (const category of CATEGORIES) {
      const series = buildDailySeries(table, category);
      expect(series.values).toHaveLength(DEFAULTS.days);
      expect(series.values.filter((value) => value === 0).length).toBeGreaterThanOrEqual(3); // 3 × 25 Dec
    }
  });

  it('should show a weekly pattern when revenue is averaged per weekday', () => {
    for (const category of CATEGORIES) {
      const series = buildDailySeries(table, category);
      const [sums, counts] = [
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
      ];
      series.dates.forEach((date, i) => {
        sums[new Date(date).getUTCDay()]! += series.values[i]!;
        counts[new Date(date).getUTCDay()]! += 1;
      });
      const means = sums.map((sum, day) => sum / counts[day]!);
      expect(Math.max(...means) / Math.min(...means)).toBeGreaterThan(1.2);
    }
  });

  it('should peak in December when revenue is compared with February', () => {
    const revenue = (month: string): number =>
      table.rows.filter((row) => row.date.slice(5, 7) === month).reduce((sum, row) => sum + row.amount, 0);
    expect(revenue('12')).toBeGreaterThan(revenue('02') * 1.3);
  });

  it('should be read back by readSalesCsv without bad rows when written as CSV', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sample-data-'));
    try {
      const file = path.join(dir, 'sample.csv');
      const some = rows.slice(0, 3000);
      await writeFile(file, [SAMPLE_HEADER, ...some].map((row) => `${row.join(',')}\n`).join(''));
      const read = await readSalesCsv(file, {
        date: 'Date',
        category: 'Product Category',
        amount: 'Total Amount',
      });
      expect(read.badRows).toEqual([]);
      expect(read.rows).toHaveLength(3000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('should throw a RangeError when the options are unusable', () => {
    expect(() => [...generateSampleTransactions({ ...DEFAULTS, startDate: '2022-02-30' })]).toThrow(
      RangeError,
    );
    expect(() => [...generateSampleTransactions({ ...DEFAULTS, days: 0 })]).toThrow(RangeError);
    const noPrices = [{ ...DEFAULT_CATEGORY_PROFILES[0]!, prices: [] }];
    expect(() => [...generateSampleTransactions({ ...DEFAULTS, categories: noPrices })]).toThrow(RangeError);
  });
});
