/**
 * Rolling-origin backtests: k origins over the end of the history, each followed by a horizon of H days.
 * Families that condition on recent days (CNN-LSTM, seasonal naive) are fitted once on the days before
 * the first origin and fed the actual days up to each later origin; the others are refitted on the days
 * up to every origin. Every forecast is guarded (non-finite or far out of range → seasonal naive, the
 * reason kept) and floored at 0 when the training days never went negative, as served forecasts are.
 * Called by the trainer and `bench:models`.
 */
import { fromDayNumber, toDayNumber } from '../data/daily-series.js';
import {
  FitCancelledError,
  type FitOptions,
  type FittedModel,
  type History,
  type ModelFamily,
} from '../families/family.js';
import { applyFloor, forecastProblem, salesFloor } from '../families/forecast-guard.js';
import { seasonalNaive } from '../families/seasonal-naive.js';
import { coverage, scoreForecast, type PointMetrics } from './backtest-metrics.js';
import { calibrateStepHalfWidths } from './step-intervals.js';

/** One origin's forecast against the actual days. */
export interface BacktestFold extends PointMetrics {
  /** First forecast day (the origin is the day before). */
  startDate: string;
  dates: string[];
  actual: number[];
  predicted: number[];
  /** Interval calibrated on the other folds (what coverage counts). */
  lower: number[];
  upper: number[];
  coverage: number | null;
  /** Why this fold's forecast fell back to seasonal naive, or null. */
  fallback: string | null;
}

/** Summary over folds plus the folds. */
export interface Backtest extends PointMetrics {
  origins: number;
  horizon: number;
  /** Pooled leave-one-fold-out coverage of the nominal interval, or null with one fold. */
  coverage: number | null;
  /** Nominal coverage the intervals aim at. */
  nominalCoverage: number;
  /** Half-widths per horizon step calibrated on all folds: what the version serves. */
  stepHalfWidths: number[];
  /** Folds whose forecast fell back to seasonal naive. */
  fallbacks: number;
  folds: BacktestFold[];
}

/** Backtest settings (config `models.backtest`). */
export interface BacktestOptions {
  /** Origins wanted; fewer are used when the history is short. @default 5 */
  origins: number;
  /** Days forecast from each origin. @default 14 */
  horizon: number;
  /** Nominal interval coverage, e.g. 0.9. */
  coverage: number;
  fit: FitOptions;
}

/** The origins (index of each fold's first day) that fit in `days`, oldest first. */
export function backtestOrigins(
  days: number,
  options: { origins: number; horizon: number; minimumDays: number },
): number[] {
  let k = options.origins;
  while (k > 0 && days - k * options.horizon < options.minimumDays) k--;
  return Array.from({ length: k }, (_, i) => days - (k - i) * options.horizon);
}

interface RawFold {
  origin: number;
  predicted: number[];
  fallback: string | null;
}

async function guardedForecast(
  produce: () => Promise<number[]>,
  train: readonly number[],
  horizon: number,
): Promise<Omit<RawFold, 'origin'>> {
  let predicted: number[];
  let fallback: string | null = null;
  try {
    predicted = await produce();
    fallback = forecastProblem(predicted, train);
  } catch (error) {
    if (error instanceof FitCancelledError) throw error;
    fallback = `fit failed: ${(error as Error).message}`;
    predicted = [];
  }
  if (fallback) predicted = seasonalNaive(train, horizon);
  return { predicted: applyFloor(predicted, salesFloor(train)), fallback };
}

/**
 * Backtests `family` on `history`. @returns null when the history cannot hold one origin.
 * @throws FitCancelledError when the signal aborts.
 */
export async function runBacktest(
  family: ModelFamily,
  history: History,
  options: BacktestOptions,
): Promise<Backtest | null> {
  const values = history.values;
  const { horizon } = options;
  const origins = backtestOrigins(values.length, {
    origins: options.origins,
    horizon,
    minimumDays: Math.max(family.minimumDays(options.fit), 8),
  });
  if (origins.length === 0) return null;
  const raw: RawFold[] = [];
  let once: FittedModel | undefined;
  let onceError: Error | undefined;
  try {
    for (const origin of origins) {
      if (options.fit.signal?.aborted) throw new FitCancelledError();
      const train = values.slice(0, origin);
      const sub: History = { startDate: history.startDate, values: train };
      const forecast = async () => {
        if (!family.conditions) {
          const model = await family.fit(sub, options.fit);
          try {
            return await model.forecast(horizon);
          } finally {
            model.dispose();
          }
        }
        if (!once && !onceError) {
          once = await family.fit(sub, options.fit).catch((error: Error) => {
            if (error instanceof FitCancelledError) throw error;
            onceError = error;
            return undefined;
          });
        }
        if (!once) throw onceError!;
        return once.forecast(horizon, train);
      };
      raw.push({ origin, ...(await guardedForecast(forecast, train, horizon)) });
    }
  } finally {
    once?.dispose();
  }
  return summarise(history, raw, options);
}

function summarise(history: History, raw: RawFold[], options: BacktestOptions): Backtest {
  const { horizon, coverage: nominal } = options;
  const values = history.values;
  const first = toDayNumber(history.startDate);
  const folds = raw.map((f) => {
    const actual = values.slice(f.origin, f.origin + horizon);
    return { ...f, actual, residuals: actual.map((a, i) => a - f.predicted[i]!) };
  });
  const floorOf = (origin: number) => salesFloor(values.slice(0, origin));
  const out: BacktestFold[] = folds.map((f, index) => {
    const others = folds.filter((_, i) => i !== index).map((o) => o.residuals);
    const widths = others.length ? calibrateStepHalfWidths(others, horizon, nominal) : null;
    const floor = floorOf(f.origin) ?? -Infinity;
    const lower = f.predicted.map((p, i) => (widths ? Math.max(floor, p - widths[i]!) : p));
    const upper = f.predicted.map((p, i) => (widths ? p + widths[i]! : p));
    return {
      ...scoreForecast(values.slice(0, f.origin), f.actual, f.predicted),
      startDate: fromDayNumber(first + f.origin),
      dates: f.actual.map((_, i) => fromDayNumber(first + f.origin + i)),
      actual: f.actual,
      predicted: f.predicted,
      lower,
      upper,
      coverage: widths ? coverage(f.actual, lower, upper) : null,
      fallback: f.fallback,
    };
  });
  const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  const mases = out.map((f) => f.mase).filter((m): m is number => m !== null);
  const squared = folds.flatMap((f) => f.residuals.map((r) => r * r));
  return {
    origins: out.length,
    horizon,
    mae: mean(out.map((f) => f.mae)),
    rmse: Math.sqrt(mean(squared)),
    smape: mean(out.map((f) => f.smape)),
    mase: mases.length ? mean(mases) : null,
    coverage: out.length > 1 ? mean(out.map((f) => f.coverage!)) : null,
    nominalCoverage: nominal,
    stepHalfWidths: calibrateStepHalfWidths(
      folds.map((f) => f.residuals),
      horizon,
      nominal,
    ),
    fallbacks: out.filter((f) => f.fallback !== null).length,
    folds: out,
  };
}
