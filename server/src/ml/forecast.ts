/**
 * Forecasts with a trained model: batch next-day predictions on normalised windows, and multi-step
 * forecasts in sales units by recursive prediction (each predicted day is appended to the window).
 * Used by the trainer (validation predictions), the CLI `predict` and the API `predict` mutation.
 */
import * as tf from '@tensorflow/tfjs';
import type { Normalization } from './data/normalize.js';
import { toInputTensor } from './train-model.js';

/** Next-day predictions for many normalised windows in one batch. */
export function predictNormalized(model: tf.LayersModel, windows: readonly (readonly number[])[]): number[] {
  if (windows.length === 0) return [];
  return tf.tidy(() => {
    const output = model.predict(toInputTensor(windows, windows[0]!.length)) as tf.Tensor;
    return Array.from(output.dataSync());
  });
}

export interface RecursiveForecastOptions {
  /** Days to forecast, ≥ 1. */
  horizon: number;
  normalization: Normalization;
  windowSize: number;
}

/**
 * Forecasts `horizon` days after `history` (sales units; only its last `windowSize` values are used).
 * @returns `horizon` values in sales units.
 * @throws RangeError when history is shorter than the window or the horizon is < 1.
 */
export function forecastRecursive(
  model: tf.LayersModel,
  history: readonly number[],
  options: RecursiveForecastOptions,
): number[] {
  const { horizon, normalization, windowSize } = options;
  if (history.length < windowSize) {
    throw new RangeError(`need the last ${windowSize} daily values (got ${history.length})`);
  }
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be ≥ 1 (got ${horizon})`);
  const window = history.slice(-windowSize).map((v) => (v - normalization.mean) / normalization.std);
  const forecast: number[] = [];
  for (let step = 0; step < horizon; step++) {
    const next = predictNormalized(model, [window])[0]!;
    forecast.push(next * normalization.std + normalization.mean);
    window.shift();
    window.push(next);
  }
  return forecast;
}
