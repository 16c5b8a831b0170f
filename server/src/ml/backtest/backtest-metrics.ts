/**
 * Accuracy of one multi-step forecast against what happened: MAE, RMSE, sMAPE and MASE with Hyndman's
 * in-sample seasonal scaling (the MAE of the seasonal-naive one-step forecast over the training history,
 * season 7), and the share of actual values inside an interval. Pure; used by `rolling-origin.ts`.
 */
import { mae, rmse, SEASON_LENGTH } from '../evaluate.js';

/**
 * Hyndman & Koehler's MASE denominator: mean |y_t − y_{t−m}| over the training history.
 * @returns null when the history is shorter than a season plus one day or the scale is 0.
 */
export function seasonalScale(history: readonly number[], season = SEASON_LENGTH): number | null {
  if (history.length <= season) return null;
  let sum = 0;
  for (let t = season; t < history.length; t++) sum += Math.abs(history[t]! - history[t - season]!);
  const scale = sum / (history.length - season);
  return scale > 0 ? scale : null;
}

/**
 * Symmetric MAPE in percent (0–200): mean of 200·|y − ŷ| / (|y| + |ŷ|); a day where both are 0 counts as
 * a perfect 0 (days without sales are common and were forecast right).
 */
export function smape(actual: readonly number[], predicted: readonly number[]): number {
  let sum = 0;
  actual.forEach((a, i) => {
    const p = predicted[i]!;
    const denominator = Math.abs(a) + Math.abs(p);
    sum += denominator === 0 ? 0 : (200 * Math.abs(a - p)) / denominator;
  });
  return sum / actual.length;
}

/** Share of `actual` inside [lower, upper], bounds included. */
export function coverage(
  actual: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
): number {
  const hits = actual.filter((a, i) => a >= lower[i]! && a <= upper[i]!).length;
  return hits / actual.length;
}

/** The point metrics of one fold. */
export interface PointMetrics {
  mae: number;
  rmse: number;
  smape: number;
  /** null when the training history has no seasonal variation to scale by. */
  mase: number | null;
}

/** Scores a forecast made after `history`. */
export function scoreForecast(
  history: readonly number[],
  actual: readonly number[],
  predicted: readonly number[],
): PointMetrics {
  const error = mae(actual, predicted);
  const scale = seasonalScale(history);
  return {
    mae: error,
    rmse: rmse(actual, predicted),
    smape: smape(actual, predicted),
    mase: scale === null ? null : error / scale,
  };
}
