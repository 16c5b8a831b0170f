/**
 * A forecast from a stored model version: builds the TF.js model from the bundle, forecasts recursively,
 * adds the interval and, when the history's last date is known, the forecast dates. Used by the CLI;
 * the API keeps loaded models in a cache and calls `forecastRecursive` itself.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ModelVersionBundle } from './model-bundle.js';
import { loadModel } from './model-io.js';
import { forecastRecursive } from './forecast.js';
import { boundedForecast } from './prediction-interval.js';

export interface Forecast {
  modelVersionId: string;
  values: number[];
  lower: number[];
  upper: number[];
  /** Dates of the forecast days, when the last date of the history is known. */
  dates: string[] | null;
}

/** The `horizon` days after `lastDate` (YYYY-MM-DD), UTC. */
export function datesAfter(lastDate: string, horizon: number): string[] {
  const start = Date.parse(`${lastDate}T00:00:00Z`);
  return Array.from({ length: horizon }, (_, i) =>
    new Date(start + (i + 1) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** Forecasts with an already loaded model. */
export function forecastWithModel(
  model: tf.LayersModel,
  bundle: Pick<ModelVersionBundle, 'meta'>,
  history: readonly number[],
  options: { horizon: number; lastDate?: string },
): Forecast {
  const { meta } = bundle;
  const values = forecastRecursive(model, history, {
    horizon: options.horizon,
    normalization: meta.normalization,
    windowSize: meta.windowSize,
  });
  return {
    modelVersionId: meta.id,
    ...boundedForecast(values, meta.interval),
    dates: options.lastDate ? datesAfter(options.lastDate, options.horizon) : null,
  };
}

/** Loads the bundle's model, forecasts, and frees the model. */
export async function forecastWithBundle(
  bundle: ModelVersionBundle,
  history: readonly number[],
  options: { horizon: number; lastDate?: string },
): Promise<Forecast> {
  const model = await loadModel(bundle.model);
  try {
    return forecastWithModel(model, bundle, history, options);
  } finally {
    model.dispose();
  }
}
