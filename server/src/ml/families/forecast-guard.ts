/**
 * Guards served and backtested forecasts: a forecast that is not finite or lies far outside the range of
 * the history it came from is a numerically failed fit (a diverged SARIMA gave 1e9 and worse on sample
 * data) and must never be served; callers fall back to seasonal naive and report why. Also the sales
 * floor: daily sales do not go below zero when the history never did.
 */

/** How far outside the history's range a forecast may go, in multiples of that range. */
const RANGE_MARGIN = 2;

/**
 * Why `forecast` is unusable for `history`, or null when it is fine.
 * @param history the values the model saw (at least one).
 */
export function forecastProblem(forecast: readonly number[], history: readonly number[]): string | null {
  const bad = forecast.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) return `non-finite forecast at step ${bad + 1} (${forecast[bad]})`;
  let min = Infinity;
  let max = -Infinity;
  for (const v of history) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = Math.max(max - min, Math.abs(max), Math.abs(min), 1);
  const low = min - RANGE_MARGIN * span;
  const high = max + RANGE_MARGIN * span;
  const far = forecast.findIndex((v) => v < low || v > high);
  if (far < 0) return null;
  return `forecast ${forecast[far]!.toPrecision(4)} at step ${far + 1} is far outside the history's range [${min.toPrecision(4)}, ${max.toPrecision(4)}]`;
}

/** 0 when no day of `history` is negative (sales without net returns), else null (no floor). */
export function salesFloor(history: readonly number[]): number | null {
  return history.every((v) => v >= 0) ? 0 : null;
}

/** Values held at `floor` (unchanged when it is null). */
export function applyFloor(values: readonly number[], floor: number | null | undefined): number[] {
  if (floor === null || floor === undefined) return [...values];
  return values.map((v) => Math.max(floor, v));
}
