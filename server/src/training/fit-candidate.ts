/**
 * One candidate of a run, start to finish: backtest the family (rolling origins), fit it on the whole
 * history (the CNN-LSTM streams its epochs), score it one step ahead on the validation days, guard the
 * served forecast (a failed or diverged fit is replaced by seasonal naive and the reason kept), calibrate
 * its interval on the backtest residuals per step, render its evaluation plot and package the version.
 * Called by `trainer.ts` for every family of a run.
 */
import { randomUUID } from 'node:crypto';
import { fitNormalization } from '../ml/data/normalize.js';
import { runBacktest, type Backtest } from '../ml/backtest/rolling-origin.js';
import { oneStepValidation } from '../ml/backtest/one-step-validation.js';
import { renderEvaluationPlot } from '../ml/evaluation-plot.js';
import type { ForecastMetrics } from '../ml/evaluate.js';
import {
  FitCancelledError,
  type FamilyName,
  type FitOptions,
  type FittedModel,
  type History,
} from '../ml/families/family.js';
import { forecastProblem, salesFloor } from '../ml/families/forecast-guard.js';
import { getFamily } from '../ml/families/registry.js';
import type { ModelVersionBundle } from '../ml/model-bundle.js';
import { effectiveScaling } from '../ml/families/cnn-lstm/scaling.js';
import { CNN_LSTM_SCALINGS, type CnnLstmScaling } from '../ml/hyperparameters.js';
import { fitPredictionInterval, type PredictionInterval } from '../ml/prediction-interval.js';
import type { TrainingJob } from './trainer.js';

/** What a finished candidate hands back. */
export interface CandidateResult {
  family: FamilyName;
  bundle: ModelVersionBundle;
  metrics: ForecastMetrics;
  backtest: Backtest | null;
  fitSeconds: number;
  fallback: string | null;
}

/** Days of forecast the guard checks the final fit on. */
const GUARD_DAYS = 28;

async function fitGuarded(
  name: FamilyName,
  history: History,
  options: FitOptions,
): Promise<{ fitted: FittedModel; fallback: string | null }> {
  const family = await getFamily(name);
  let fitted: FittedModel | undefined;
  let fallback: string | null;
  try {
    fitted = await family.fit(history, options);
    fallback = forecastProblem(await fitted.forecast(GUARD_DAYS), history.values);
  } catch (error) {
    if (error instanceof FitCancelledError) throw error;
    fallback = `fit failed: ${(error as Error).message}`;
  }
  if (!fallback) return { fitted: fitted!, fallback: null };
  fitted?.dispose();
  const naive = await getFamily('SEASONAL_NAIVE');
  return { fitted: await naive.fit(history, options), fallback };
}

/** Runs one candidate. @throws FitCancelledError when the signal aborts. */
export async function fitCandidate(
  name: FamilyName,
  job: TrainingJob,
  options: FitOptions & { backend: string },
): Promise<CandidateResult> {
  const { series, hyperparameters: hp } = job;
  const history: History = { startDate: series.dates[0]!, values: series.values };
  const family = await getFamily(name);
  await family.assertAvailable?.();
  const quiet = { ...options, onEpoch: undefined };
  const backtestOf = (fit: FitOptions) =>
    runBacktest(family, history, {
      origins: job.backtest.origins,
      horizon: job.backtest.horizon,
      coverage: job.intervalCoverage,
      fit,
    });
  // CNN-LSTM scaling `auto` in an AUTO run: backtest each scaling first, fit the winner (its backtest is
  // reused). A CNN-LSTM-only run streams its epochs from the start instead: the best single scaling.
  const auto = name === 'CNN_LSTM' && hp.scaling === 'auto';
  const choice =
    auto && job.families.length > 1 ? await chooseScaling(series.values, quiet, backtestOf) : null;
  const scaling = choice?.scaling ?? (auto ? AUTO_SINGLE_RUN_SCALING : hp.scaling);
  const fitOptions = { ...options, hyperparameters: { ...hp, scaling } };
  // Otherwise the final fit first: the CNN-LSTM's epochs stream live from the start of its candidate.
  const started = performance.now();
  const { fitted, fallback } = await fitGuarded(name, history, fitOptions);
  const fitSeconds = (performance.now() - started) / 1000;
  try {
    const backtest = choice ? choice.backtest : await backtestOf({ ...fitOptions, onEpoch: undefined });
    const served = await getFamily(fitted.family);
    const validation = await oneStepValidation(served, history, {
      windowSize: hp.windowSize,
      validationFraction: hp.validationFraction,
      fit: quiet,
      fitted,
      refitEvery: Math.max(job.validationRefitDays, served.validationRefitDays ?? 1),
    });
    const floor = salesFloor(series.values);
    const residuals = validation.actual.map((a, i) => a - validation.predicted[i]!);
    const interval: PredictionInterval = backtest
      ? {
          coverage: job.intervalCoverage,
          halfWidth: backtest.stepHalfWidths[0]!,
          stepHalfWidths: backtest.stepHalfWidths,
          validationCoverage: backtest.coverage,
          method: 'backtest-step-conformal',
          floor,
        }
      : fitPredictionInterval(residuals, job.intervalCoverage, { floor });
    const { metrics } = validation;
    const dates = validation.targets.map((t) => series.dates[t]!);
    const width = interval.halfWidth;
    const plotPng = await renderEvaluationPlot({
      title: `${series.category}: ${name}, validation, actual vs predicted`,
      subtitle: `MAE ${metrics.mae.toFixed(1)} · seasonal naive ${metrics.seasonalNaiveMae.toFixed(1)} · naive ${metrics.naiveMae.toFixed(1)}${backtest?.mase != null ? ` · backtest MASE ${backtest.mase.toFixed(3)}` : ''}`,
      dates,
      actual: validation.actual,
      predicted: validation.predicted,
      lower: validation.predicted.map((p) => Math.max(floor ?? -Infinity, p - width)),
      upper: validation.predicted.map((p) => p + width),
    });
    const state = await fitted.state();
    const bundle: ModelVersionBundle = {
      meta: {
        formatVersion: 1,
        id: randomUUID(),
        category: series.category,
        createdAt: new Date().toISOString(),
        tfBackend: options.backend,
        windowSize: hp.windowSize,
        normalization: state.data.normalization
          ? (state.data.normalization as { mean: number; std: number })
          : fitNormalization(series.values),
        hyperparameters: fitOptions.hyperparameters,
        configSnapshot: job.configSnapshot,
        metrics,
        interval,
        dataset: {
          source: job.datasetSource,
          firstDate: series.dates[0]!,
          lastDate: series.dates.at(-1)!,
          days: series.dates.length,
          trainDays: series.dates.length - validation.targets.length - hp.windowSize,
          validationDays: validation.targets.length + hp.windowSize,
        },
        epochs: fitted.epochs ?? [],
        family: name,
        state: { family: state.family, data: state.data },
        backtest,
        fitSeconds,
        fallback,
        ...(choice ? { scalingTrials: choice.trials } : {}),
      },
      model: state.artifacts,
      plotPng,
    };
    return { family: name, bundle, metrics, backtest, fitSeconds, fallback };
  } finally {
    fitted.dispose();
  }
}

/**
 * The scaling of `auto` when the CNN-LSTM is a run's only family: window had the lowest mean backtest
 * MASE of the three over the sample and original data (README "How it models").
 */
const AUTO_SINGLE_RUN_SCALING: CnnLstmScaling = 'window';

/** Backtests the CNN-LSTM under each input scaling that applies to the series; the lowest MASE wins. */
async function chooseScaling(
  values: readonly number[],
  options: FitOptions,
  backtestOf: (fit: FitOptions) => Promise<Backtest | null>,
): Promise<{ scaling: CnnLstmScaling; backtest: Backtest | null; trials: Record<string, number | null> }> {
  const trials: Record<string, number | null> = {};
  let best: { scaling: CnnLstmScaling; backtest: Backtest | null } | undefined;
  for (const scaling of CNN_LSTM_SCALINGS) {
    if (effectiveScaling(scaling, values) !== scaling) continue; // log1p with negative days
    const backtest = await backtestOf({
      ...options,
      hyperparameters: { ...options.hyperparameters, scaling },
    });
    trials[scaling] = backtest?.mase ?? null;
    if (!best || (backtest?.mase ?? Infinity) < (best.backtest?.mase ?? Infinity))
      best = { scaling, backtest };
  }
  return { ...best!, trials };
}

/** The champion: lowest mean backtest MASE; without backtests, lowest validation MAE. */
export function pickChampion(candidates: readonly CandidateResult[]): CandidateResult {
  const score = (c: CandidateResult) => c.backtest?.mase ?? (c.backtest ? Infinity : null);
  const withScores = candidates.every((c) => score(c) !== null);
  return candidates.reduce((best, c) =>
    (withScores ? score(c)! < score(best)! : c.metrics.mae < best.metrics.mae) ? c : best,
  );
}
