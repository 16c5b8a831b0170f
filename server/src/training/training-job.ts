/**
 * Builds training jobs from the configuration plus per-run overrides: the hyperparameters a run uses,
 * and the config snapshot stored with its model version (secrets such as the API key and database URL
 * are left out). Used by the CLI and by the API's run service.
 */
import type { Config } from '../config/load-config.js';
import type { BackendName } from '../ml/backend.js';
import type { DailySeries } from '../ml/data/daily-series.js';
import type { TrainingHyperparameters } from '../ml/hyperparameters.js';
import type { TrainingJob } from './trainer.js';

/** What a request may change for one run. */
export interface HyperparameterOverrides {
  epochs?: number;
  learningRate?: number;
  batchSize?: number;
  windowSize?: number;
}

/** The run's hyperparameters: config values with overrides applied. */
export function resolveHyperparameters(
  config: Config,
  overrides: HyperparameterOverrides = {},
): TrainingHyperparameters {
  return {
    ...config.model,
    windowSize: overrides.windowSize ?? config.data.windowSize,
    learningRate: overrides.learningRate ?? config.model.learningRate,
    epochs: overrides.epochs ?? config.training.maxEpochs,
    batchSize: overrides.batchSize ?? config.data.batchSize,
    seed: config.training.seed,
    validationFraction: config.data.validationFraction,
  };
}

/** The reproducible part of the configuration (no secrets, no machine-specific paths but the CSV's). */
export function configSnapshot(config: Config, csvPath: string): Record<string, unknown> {
  return {
    data: { ...config.data, csvPath },
    model: config.model,
    training: config.training,
  };
}

export interface BuildJobOptions {
  runId: string;
  series: DailySeries;
  csvPath: string;
  overrides?: HyperparameterOverrides;
  backend?: BackendName | 'auto';
}

/** A complete job for `runTraining` / `startTrainingWorker`. */
export function buildTrainingJob(config: Config, options: BuildJobOptions): TrainingJob {
  return {
    runId: options.runId,
    series: options.series,
    datasetSource: options.csvPath,
    hyperparameters: resolveHyperparameters(config, options.overrides),
    intervalCoverage: config.training.predictionInterval,
    configSnapshot: configSnapshot(config, options.csvPath),
    backend: options.backend ?? 'auto',
  };
}
