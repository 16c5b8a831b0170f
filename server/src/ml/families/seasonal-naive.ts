/**
 * Seasonal naive forecasting, the shared baseline and fallback: day t is forecast by the same weekday of
 * the last observed week. Used by the SEASONAL_NAIVE family and by the guard's fallback.
 */
import { SEASON_LENGTH } from '../evaluate.js';
import { assertHorizon } from './family.js';

/**
 * The `horizon` days after `history`, each equal to the value one (or more) whole weeks before it.
 * @throws RangeError when the history is shorter than a week or the horizon < 1.
 */
export function seasonalNaive(history: readonly number[], horizon: number, season = SEASON_LENGTH): number[] {
  assertHorizon(horizon);
  if (history.length < season)
    throw new RangeError(`seasonal naive needs ${season} days of history (got ${history.length})`);
  const lastWeek = history.slice(-season);
  return Array.from({ length: horizon }, (_, i) => lastWeek[i % season]!);
}
