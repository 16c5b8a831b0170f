/**
 * A forecast from a stored model version, whatever its family: loads it for serving, forecasts from the
 * last `windowSize` days of the history, adds the interval and, when the history's last date is known,
 * the forecast dates. Used by the CLI; the API keeps loaded versions in a cache (`model-versions.service`).
 */
import type { ModelVersionBundle } from './model-bundle.js';
import { loadServingModel } from './families/serving-model.js';
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

/** Loads the bundle's model, forecasts, and frees the model. */
export async function forecastWithBundle(
  bundle: ModelVersionBundle,
  history: readonly number[],
  options: { horizon: number; lastDate?: string },
): Promise<Forecast> {
  const model = await loadServingModel(bundle);
  try {
    const values = await model.forecast(history.slice(-bundle.meta.windowSize), options.horizon);
    return {
      modelVersionId: bundle.meta.id,
      ...boundedForecast(values, bundle.meta.interval),
      dates: options.lastDate ? datesAfter(options.lastDate, options.horizon) : null,
    };
  } finally {
    model.dispose();
  }
}
