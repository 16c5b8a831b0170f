/**
 * `series`: a category's daily values in a date range with a trailing rolling average. The average is
 * computed over the whole series before the range is cut, so the first days of a range have one too.
 */
import { badUserInput } from '../../graphql/errors.js';
import type { SalesData } from './sales-data.js';
import type { Series } from './series.type.js';

export const MAX_ROLLING_WINDOW = 365;

export interface SeriesRequest {
  category: string;
  from?: string | null;
  to?: string | null;
  rollingWindow: number;
}

/** @throws BAD_USER_INPUT for an unknown category, a bad window or from > to. */
export function buildSeries(data: SalesData, request: SeriesRequest): Series {
  const { category, from, to, rollingWindow } = request;
  if (!data.isConfigured(category)) {
    throw badUserInput(`unknown category "${category}" (configured: ${data.categories.join(', ')})`, {
      field: 'category',
    });
  }
  if (!Number.isInteger(rollingWindow) || rollingWindow < 1 || rollingWindow > MAX_ROLLING_WINDOW) {
    throw badUserInput(`rollingWindow must be from 1 to ${MAX_ROLLING_WINDOW} (got ${rollingWindow})`, {
      field: 'rollingWindow',
    });
  }
  if (from && to && from > to) throw badUserInput(`from (${from}) is after to (${to})`, { field: 'from' });
  const daily = data.dailySeries(category);
  if (!daily) return { category, points: [] };
  const averages = rollingAverages(daily.values, rollingWindow);
  const points = daily.dates
    .map((date, i) => ({ date, value: daily.values[i]!, rollingAverage: averages[i]! }))
    .filter((p) => (!from || p.date >= from) && (!to || p.date <= to));
  return { category, points };
}

/** Mean of each value and the `window − 1` before it; null until `window` values exist. */
export function rollingAverages(values: readonly number[], window: number): (number | null)[] {
  let sum = 0;
  return values.map((value, i) => {
    sum += value - (i >= window ? values[i - window]! : 0);
    return i >= window - 1 ? sum / window : null;
  });
}
