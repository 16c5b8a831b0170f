/**
 * One-step validation metrics for any family, on the targets the CNN-LSTM has always been judged on (the
 * chronological 80/20 split, windows cut inside the validation part, each target the next day), so every
 * family's `metrics` compare with the CNN-LSTM's and with the baselines on the very same days. Families
 * that condition (CNN-LSTM, seasonal naive) forecast each target from its window with the model fitted on
 * the training part; the others are refitted on all days before a block of `refitEvery` targets.
 */
import { splitChronological } from '../data/split.js';
import { evaluateForecasts, type ForecastMetrics } from '../evaluate.js';
import type { FitOptions, FittedModel, History, ModelFamily } from '../families/family.js';
import { applyFloor, forecastProblem, salesFloor } from '../families/forecast-guard.js';
import { seasonalNaive } from '../families/seasonal-naive.js';

/** The validation targets with what a family predicted for them. */
export interface OneStepValidation {
  /** Index of each target in the history. */
  targets: number[];
  actual: number[];
  predicted: number[];
  /** The `windowSize` days before each target (for the baselines and the plot). */
  windows: number[][];
  metrics: ForecastMetrics;
  /** Forecasts replaced by seasonal naive (guard). */
  fallbacks: number;
}

export interface OneStepOptions {
  windowSize: number;
  validationFraction: number;
  fit: FitOptions;
  /** For conditioning families: the model fitted on the training part. */
  fitted?: FittedModel;
  /** Targets per refit for the other families. @default 1 */
  refitEvery?: number;
}

/** The validation targets' indices (the CNN-LSTM's). */
export function validationTargets(
  days: number,
  options: Pick<OneStepOptions, 'windowSize' | 'validationFraction'>,
): number[] {
  const values = Array.from({ length: days }, () => 0);
  const trainDays = splitChronological({ category: '', dates: [], values }, options.validationFraction).train
    .length;
  const targets: number[] = [];
  for (let t = trainDays + options.windowSize; t < days; t++) targets.push(t);
  return targets;
}

/** Scores `family` one step ahead on the validation targets. @throws RangeError without targets. */
export async function oneStepValidation(
  family: ModelFamily,
  history: History,
  options: OneStepOptions,
): Promise<OneStepValidation> {
  const values = history.values;
  const targets = validationTargets(values.length, options);
  if (targets.length === 0) throw new RangeError('no validation targets: the history is too short');
  const predicted: number[] = new Array<number>(targets.length);
  let fallbacks = 0;
  const step = family.conditions ? 1 : Math.max(1, options.refitEvery ?? 1);
  for (let i = 0; i < targets.length; i += step) {
    const t = targets[i]!;
    const count = Math.min(step, targets.length - i);
    const train = values.slice(0, t);
    let forecast: number[] = [];
    try {
      if (family.conditions) {
        if (!options.fitted) throw new Error('a conditioning family needs its fitted model');
        forecast = await options.fitted.forecast(1, train.slice(-options.windowSize));
      } else {
        const model = await family.fit({ startDate: history.startDate, values: train }, options.fit);
        forecast = await model.forecast(count).finally(() => model.dispose());
      }
    } catch (error) {
      if ((error as Error).name === 'FitCancelledError') throw error;
      forecast = [];
    }
    if (forecast.length < count || forecastProblem(forecast, train)) {
      fallbacks += count;
      forecast = seasonalNaive(train, count);
    }
    applyFloor(forecast, salesFloor(train)).forEach((v, j) => (predicted[i + j] = v));
  }
  const actual = targets.map((t) => values[t]!);
  const windows = targets.map((t) => values.slice(t - options.windowSize, t));
  return {
    targets,
    actual,
    predicted,
    windows,
    metrics: evaluateForecasts(windows, actual, predicted),
    fallbacks,
  };
}
