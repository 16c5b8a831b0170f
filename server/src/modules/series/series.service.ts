/**
 * `series`: a category's daily values in a date range with a trailing rolling average, read from the
 * sales database. The average is computed over the `rollingWindow − 1` days before the range too, so the
 * first days of a range have one.
 */
import { badUserInput } from '../../graphql/errors.js';
import { toDayNumber } from '../../ml/data/daily-series.js';
import type { SalesStore } from '../sales/sales-store.js';
import type { Series } from './series.type.js';

export const MAX_ROLLING_WINDOW = 365;

export interface SeriesRequest {
  category: string;
  from?: string | null;
  to?: string | null;
  rollingWindow: number;
}

/** @throws BAD_USER_INPUT for an unknown category, a bad window or from > to. */
export async function buildSeries(store: SalesStore, request: SeriesRequest): Promise<Series> {
  const { category, from, to, rollingWindow } = request;
  if (!Number.isInteger(rollingWindow) || rollingWindow < 1 || rollingWindow > MAX_ROLLING_WINDOW) {
    throw badUserInput(`rollingWindow must be from 1 to ${MAX_ROLLING_WINDOW} (got ${rollingWindow})`, {
      field: 'rollingWindow',
    });
  }
  if (from && to && from > to) throw badUserInput(`from (${from}) is after to (${to})`, { field: 'from' });
  const stats = await store.category(category);
  if (!stats) throw unknownCategory(category);
  const fromDay = from ? toDayNumber(from) - (rollingWindow - 1) : undefined;
  const daily = await store.seriesBetween(category, fromDay, to ? toDayNumber(to) : undefined, stats);
  if (!daily) return { category, points: [] };
  // Days before the series' first sale count as missing, not zero: the average starts with the data.
  const averages = rollingAverages(daily.values, rollingWindow);
  const points = daily.dates
    .map((date, i) => ({ date, value: daily.values[i]!, rollingAverage: averages[i]! }))
    .filter((p) => !from || p.date >= from);
  return { category, points };
}

/** BAD_USER_INPUT for a category that is not in the data (or not in the allow-list). */
export function unknownCategory(category: string) {
  return badUserInput(`unknown category "${category}" (the categories query lists them)`, {
    field: 'category',
  });
}

/** Mean of each value and the `window − 1` before it; null until `window` values exist. */
export function rollingAverages(values: readonly number[], window: number): (number | null)[] {
  let sum = 0;
  return values.map((value, i) => {
    sum += value - (i >= window ? values[i - window]! : 0);
    return i >= window - 1 ? sum / window : null;
  });
}
