/**
 * Prediction intervals calibrated on backtest residuals per horizon step, instead of widening a one-step
 * width by √h. Each step's error scale is the mean absolute residual at that step, averaged with its
 * neighbours and shrunk 75 % towards the mean over all steps (only k residuals per step exist: unshrunk
 * scales were noisy); the width at step h is q·scale(h), with q the conformal quantile of the residuals
 * divided by their step's scale, pooled over all steps. Measured on 68 backtests of ETS/MSTL/Prophet/
 * seasonal naive over the sample, original and real data, leave-one-fold-out coverage (nominal 0.90):
 * unshrunk mean 0.885, 5 outside ±5 points; shrunk 75 % mean 0.905, 1 outside; one pooled width 0.911, 0. `rolling-origin.ts`
 * measures coverage leaving one fold out (calibrated on the others, hits counted in the left-out one).
 */
import { conformalHalfWidth } from '../prediction-interval.js';

/** How far each step's error scale is pulled towards the mean scale of all steps. */
const SHRINKAGE = 0.75;

/** Residuals (actual − predicted) of one fold, index = horizon step − 1. */
export type FoldResiduals = readonly number[];

function stepScales(folds: readonly FoldResiduals[], horizon: number): number[] {
  const raw = Array.from({ length: horizon }, (_, step) => {
    const values = folds.map((f) => f[step]).filter((v): v is number => v !== undefined);
    return values.reduce((s, v) => s + Math.abs(v), 0) / Math.max(1, values.length);
  });
  const smoothed = raw.map((_, step) => {
    const window = raw.slice(Math.max(0, step - 1), step + 2);
    return window.reduce((s, v) => s + v, 0) / window.length;
  });
  const mean = smoothed.reduce((s, v) => s + v, 0) / smoothed.length;
  const shrunk = smoothed.map((v) => (1 - SHRINKAGE) * v + SHRINKAGE * mean);
  const positive = shrunk.filter((v) => v > 0);
  const floor = positive.length ? Math.min(...positive) : 1;
  return shrunk.map((v) => (v > 0 ? v : floor));
}

/**
 * Half-widths per step (index = step − 1) for nominal `coverage`.
 * @throws RangeError without residuals.
 */
export function calibrateStepHalfWidths(
  folds: readonly FoldResiduals[],
  horizon: number,
  coverage: number,
): number[] {
  const scales = stepScales(folds, horizon);
  const normalised = folds.flatMap((fold) => fold.map((r, step) => r / scales[step]!));
  const q = conformalHalfWidth(normalised, coverage);
  return scales.map((s) => q * s);
}
