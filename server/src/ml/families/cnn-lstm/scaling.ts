/**
 * Input scalings of the CNN-LSTM, judged on backtests (`npm run bench:models -- --scalings`):
 * `zscore` — the original: one mean and std fitted on the training part;
 * `log1p` — log(1 + x) first, then zscore: tames the spikes of promotion days; only for series with no
 *   negative day (else zscore is used and recorded);
 * `window` — every window scaled by its own mean and std (the target with it), so the network learns
 *   shapes, not levels, and follows a level it never saw in training.
 * Pure functions used by `cnn-lstm.family.ts`.
 */
import type { Normalization } from '../../data/normalize.js';
import type { CnnLstmScaling } from '../../hyperparameters.js';

/** The scaling actually applied to `values` (log1p needs non-negative values). */
export function effectiveScaling(
  scaling: CnnLstmScaling | 'auto',
  values: readonly number[],
): CnnLstmScaling {
  // `auto` is resolved by the trainer before fitting; a direct fit with it gets the original scaling.
  if (scaling === 'auto') return 'zscore';
  return scaling === 'log1p' && values.some((v) => v < 0) ? 'zscore' : scaling;
}

/**
 * The series-level transform before windows are cut (identity except for log1p, where a negative day in
 * a request's window is read as 0: the model was fitted on a history without any).
 */
export function toModelSpace(values: readonly number[], scaling: CnnLstmScaling): number[] {
  return scaling === 'log1p' ? values.map((v) => Math.log1p(Math.max(0, v))) : [...values];
}

/** Inverse of `toModelSpace`. */
export function fromModelSpace(values: readonly number[], scaling: CnnLstmScaling): number[] {
  return scaling === 'log1p' ? values.map((v) => Math.expm1(v)) : [...values];
}

/** Mean and std of one window; a flat window takes `fallbackStd` (never divides by 0). */
export function windowStats(window: readonly number[], fallbackStd: number): Normalization {
  const mean = window.reduce((s, v) => s + v, 0) / window.length;
  const std = Math.sqrt(window.reduce((s, v) => s + (v - mean) ** 2, 0) / window.length);
  return { mean, std: std > 1e-9 ? std : fallbackStd };
}

/** Windows and targets scaled window by window (targets with their window's statistics). */
export function scaleWindows(
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
  fallbackStd: number,
): { inputs: number[][]; targets: number[] } {
  const scaled = inputs.map((w, i) => {
    const { mean, std } = windowStats(w, fallbackStd);
    return { input: w.map((v) => (v - mean) / std), target: (targets[i]! - mean) / std };
  });
  return { inputs: scaled.map((s) => s.input), targets: scaled.map((s) => s.target) };
}
