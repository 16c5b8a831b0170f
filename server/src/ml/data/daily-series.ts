/**
 * Turns the rows of one category into a gap-free daily revenue series: sums the amounts per day and
 * fills every day without sales with 0. Called by the trainer, the series/categories services and the
 * CLI after readSalesCsv. Dates are handled as UTC day numbers, so no time zone or DST can shift them.
 */
import { DataError } from './data-error.js';
import type { SalesTable } from './read-sales-csv.js';

/** One category's revenue per calendar day; `dates` are consecutive and ascending, `values[i]` is on `dates[i]`. */
export interface DailySeries {
  category: string;
  dates: string[];
  values: number[];
}

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date (UTC, so every day is exactly 24 hours long).
 * @returns an integer; NaN for text that is not a date
 */
export function toDayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY
  );
}

/** The `YYYY-MM-DD` date of a day number; the inverse of toDayNumber. */
export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The categories that have at least one usable row.
 * @returns distinct names, sorted by code point (stable across locales)
 */
export function listCategories(table: SalesTable): string[] {
  return [...new Set(table.rows.map((row) => row.category))].sort();
}

/**
 * Sums one category's amounts per day (rows may come in any order) and zero-fills the days between its
 * first and last sale. A single day gives a series of length 1; prepareDataset decides if that is enough.
 * @param table - rows from readSalesCsv
 * @param category - exact, case-sensitive category name
 * @returns the daily series from the category's first to its last date
 * @throws DataError CATEGORY_NOT_FOUND when no row has this category (the message lists the ones there are)
 */
export function buildDailySeries(table: SalesTable, category: string): DailySeries {
  const totals = new Map<number, number>();
  for (const row of table.rows) {
    if (row.category !== category) continue;
    const day = toDayNumber(row.date);
    totals.set(day, (totals.get(day) ?? 0) + row.amount);
  }
  if (totals.size === 0) throw categoryNotFound(table, category);
  let first = Infinity;
  let last = -Infinity;
  for (const day of totals.keys()) {
    first = Math.min(first, day);
    last = Math.max(last, day);
  }
  const series: DailySeries = { category, dates: [], values: [] };
  for (let day = first; day <= last; day += 1) {
    series.dates.push(fromDayNumber(day));
    series.values.push(totals.get(day) ?? 0);
  }
  return series;
}

function categoryNotFound(table: SalesTable, category: string): DataError {
  const available = listCategories(table);
  const closest = available.find((name) => name.toLowerCase() === category.trim().toLowerCase());
  const hint = closest === undefined ? '' : `; did you mean "${closest}"?`;
  const message = `category "${category}" has no rows in ${table.source} (available: ${available.join(', ')})${hint}`;
  return new DataError('CATEGORY_NOT_FOUND', message, { category, source: table.source, available });
}
