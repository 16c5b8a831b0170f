/**
 * Forecast accuracy in sales units: RMSE and MAE of the model and of two baselines computed on the very
 * same validation windows — naive (the window's last day) and seasonal naive (the same weekday a week
 * before the target) — and MASE, the model's MAE over the seasonal-naive MAE (< 1 means the model wins).
 * Pure functions; called by `training/trainer.ts` and tests.
 */

/** The metrics every run reports (PRODUCT.md `RunMetrics`). */
export interface ForecastMetrics {
  rmse: number;
  mae: number;
  /** null when the seasonal-naive MAE is 0 (a ratio would be meaningless). */
  mase: number | null;
  naiveRmse: number;
  naiveMae: number;
  seasonalNaiveRmse: number;
  seasonalNaiveMae: number;
}

/** The weekly season of daily sales. */
export const SEASON_LENGTH = 7;

function assertSameLength(actual: readonly number[], predicted: readonly number[]): void {
  if (actual.length !== predicted.length || actual.length === 0) {
    throw new RangeError(`need equal, non-empty arrays (got ${actual.length} and ${predicted.length})`);
  }
}

/** Root mean squared error. @throws RangeError on empty or unequal arrays. */
export function rmse(actual: readonly number[], predicted: readonly number[]): number {
  assertSameLength(actual, predicted);
  return Math.sqrt(actual.reduce((sum, a, i) => sum + (a - predicted[i]!) ** 2, 0) / actual.length);
}

/** Mean absolute error. @throws RangeError on empty or unequal arrays. */
export function mae(actual: readonly number[], predicted: readonly number[]): number {
  assertSameLength(actual, predicted);
  return actual.reduce((sum, a, i) => sum + Math.abs(a - predicted[i]!), 0) / actual.length;
}

/** Naive forecast of each window: its last value. */
export function naiveForecasts(windows: readonly (readonly number[])[]): number[] {
  return windows.map((w) => w[w.length - 1]!);
}

/**
 * Seasonal-naive forecast of each window's next day: the value one season (7 days) before it,
 * i.e. `window[length - 7]`. @throws RangeError when windows are shorter than the season.
 */
export function seasonalNaiveForecasts(
  windows: readonly (readonly number[])[],
  season = SEASON_LENGTH,
): number[] {
  return windows.map((w) => {
    if (w.length < season)
      throw new RangeError(`window of ${w.length} days is shorter than the season (${season})`);
    return w[w.length - season]!;
  });
}

/**
 * Scores the model and both baselines on the same windows (all in sales units).
 * @param windows the validation input windows, denormalised.
 * @param actual the true next-day values.
 * @param predicted the model's next-day predictions.
 */
export function evaluateForecasts(
  windows: readonly (readonly number[])[],
  actual: readonly number[],
  predicted: readonly number[],
): ForecastMetrics {
  const naive = naiveForecasts(windows);
  const seasonal = seasonalNaiveForecasts(windows);
  const modelMae = mae(actual, predicted);
  const seasonalNaiveMae = mae(actual, seasonal);
  return {
    rmse: rmse(actual, predicted),
    mae: modelMae,
    mase: seasonalNaiveMae > 0 ? modelMae / seasonalNaiveMae : null,
    naiveRmse: rmse(actual, naive),
    naiveMae: mae(actual, naive),
    seasonalNaiveRmse: rmse(actual, seasonal),
    seasonalNaiveMae,
  };
}

/** One line for people: does the model beat its baselines? */
export function describeVerdict(m: ForecastMetrics): string {
  const best = Math.min(m.naiveMae, m.seasonalNaiveMae);
  if (m.mae < best) return `beats both baselines (MAE ${m.mae.toFixed(1)} < ${best.toFixed(1)})`;
  const which = m.naiveMae <= m.seasonalNaiveMae ? 'naive' : 'seasonal naive';
  return `LOSES to ${which} (MAE ${m.mae.toFixed(1)} ≥ ${best.toFixed(1)})`;
}
