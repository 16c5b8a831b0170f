/**
 * One training run, start to finish, independent of where it runs: prepare the category's data, build
 * and fit the CNN-LSTM, evaluate it against the baselines, fit the prediction interval, render the
 * evaluation plot and package a model version. Progress goes to a sink; `training.worker.ts` adapts it
 * to worker messages, tests call it directly.
 */
import { randomUUID } from 'node:crypto';
import type { BackendName } from '../ml/backend.js';
import { initBackend } from '../ml/backend.js';
import { buildCnnLstm } from '../ml/cnn-lstm.model.js';
import type { DailySeries } from '../ml/data/daily-series.js';
import { denormalize } from '../ml/data/normalize.js';
import { prepareDataset } from '../ml/data/prepare-dataset.js';
import { evaluateForecasts, type ForecastMetrics } from '../ml/evaluate.js';
import { renderEvaluationPlot } from '../ml/evaluation-plot.js';
import { predictNormalized } from '../ml/forecast.js';
import type { TrainingHyperparameters } from '../ml/hyperparameters.js';
import type { ModelVersionBundle } from '../ml/model-bundle.js';
import { captureModel } from '../ml/model-io.js';
import { fitPredictionInterval } from '../ml/prediction-interval.js';
import { trainModel, type EpochEvent } from '../ml/train-model.js';

/** Everything a run needs; plain data so it crosses a thread boundary. */
export interface TrainingJob {
  runId: string;
  series: DailySeries;
  /** Where the data came from (CSV path), recorded with the version. */
  datasetSource: string;
  hyperparameters: TrainingHyperparameters;
  /** Nominal coverage of the forecast interval, e.g. 0.9. */
  intervalCoverage: number;
  configSnapshot: Record<string, unknown>;
  backend: BackendName | 'auto';
}

/** Receives progress; called in order (started → epoch…). */
export interface TrainerSink {
  onStarted(info: { backend: BackendName }): void;
  onEpoch(event: EpochEvent): void | Promise<void>;
}

export type TrainingOutcome =
  | { status: 'succeeded'; bundle: ModelVersionBundle; metrics: ForecastMetrics; secondsPerEpoch: number }
  | { status: 'cancelled'; epochsDone: number };

/**
 * Runs a job. @throws DataError for unusable data, RangeError for impossible hyperparameters, Error when
 * training diverges; the adapter turns these into `failed` messages.
 */
export async function runTraining(
  job: TrainingJob,
  sink: TrainerSink,
  signal?: AbortSignal,
): Promise<TrainingOutcome> {
  const hp = job.hyperparameters;
  const dataset = prepareDataset(job.series, {
    windowSize: hp.windowSize,
    validationFraction: hp.validationFraction,
  });
  const backend = await initBackend(job.backend);
  sink.onStarted({ backend });
  const model = buildCnnLstm(hp, hp.seed);
  try {
    const fit = await trainModel(
      model,
      {
        trainInputs: dataset.train.inputs,
        trainTargets: dataset.train.targets,
        validationInputs: dataset.validation.inputs,
        validationTargets: dataset.validation.targets,
      },
      {
        epochs: hp.epochs,
        batchSize: hp.batchSize,
        seed: hp.seed,
        signal,
        onEpochEnd: (e) => sink.onEpoch(e),
      },
    );
    if (fit.cancelled) return { status: 'cancelled', epochsDone: fit.epochs.length };
    const norm = dataset.normalization;
    const windows = dataset.validation.inputs.map((w) => denormalize(w, norm));
    const actual = denormalize(dataset.validation.targets, norm);
    const predicted = denormalize(predictNormalized(model, dataset.validation.inputs), norm);
    const metrics = evaluateForecasts(windows, actual, predicted);
    const interval = fitPredictionInterval(
      actual.map((a, i) => a - predicted[i]!),
      job.intervalCoverage,
      { floor: Math.min(...dataset.split.train) >= 0 ? 0 : null },
    );
    const plotPng = await renderEvaluationPlot({
      title: `${job.series.category}: validation, actual vs predicted`,
      subtitle: `MAE ${metrics.mae.toFixed(1)} · seasonal naive ${metrics.seasonalNaiveMae.toFixed(1)} · naive ${metrics.naiveMae.toFixed(1)}`,
      dates: dataset.validationTargetDates,
      actual,
      predicted,
      lower: predicted.map((p) => Math.max(interval.floor ?? -Infinity, p - interval.halfWidth)),
      upper: predicted.map((p) => p + interval.halfWidth),
    });
    const { series, split } = dataset;
    const bundle: ModelVersionBundle = {
      meta: {
        formatVersion: 1,
        id: randomUUID(),
        category: series.category,
        createdAt: new Date().toISOString(),
        tfBackend: backend,
        windowSize: hp.windowSize,
        normalization: norm,
        hyperparameters: hp,
        configSnapshot: job.configSnapshot,
        metrics,
        interval,
        dataset: {
          source: job.datasetSource,
          firstDate: series.dates[0]!,
          lastDate: series.dates.at(-1)!,
          days: series.dates.length,
          trainDays: split.train.length,
          validationDays: split.validation.length,
        },
        epochs: fit.epochs,
      },
      model: await captureModel(model),
      plotPng,
    };
    const totalMs = fit.epochs.reduce((sum, e) => sum + e.elapsedMs, 0);
    return { status: 'succeeded', bundle, metrics, secondsPerEpoch: totalMs / 1000 / fit.epochs.length };
  } finally {
    model.optimizer?.dispose();
    model.dispose();
  }
}
