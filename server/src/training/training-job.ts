/**
 * Builds training jobs from the configuration plus per-run overrides: the hyperparameters a run uses,
 * and the config snapshot stored with its model version (secrets such as the API key and database URL
 * are left out). Used by the CLI and by the API's run service.
 */
import type { Config } from '../config/load-config.js';
import type { BackendName } from '../ml/backend.js';
import type { DailySeries } from '../ml/data/daily-series.js';
import type { FamilyName } from '../ml/families/family.js';
import type { TrainingHyperparameters } from '../ml/hyperparameters.js';
import type { TrainingJob } from './trainer.js';

/** What a run fits: every enabled family (AUTO) or one family. */
export type RunModel = 'AUTO' | FamilyName;

/** The families a run fits, in order. */
export function familiesFor(config: Pick<Config, 'models'>, model: RunModel): FamilyName[] {
  return model === 'AUTO' ? [...config.models.enabled] : [model];
}

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
    patience: config.training.earlyStoppingPatience,
  };
}

/** The reproducible part of the configuration (no secrets, no machine-specific paths but the CSV's). */
export function configSnapshot(config: Config, csvPath: string): Record<string, unknown> {
  return {
    data: { ...config.data, csvPath },
    model: config.model,
    models: config.models,
    training: config.training,
  };
}

export interface BuildJobOptions {
  runId: string;
  series: DailySeries;
  csvPath: string;
  overrides?: HyperparameterOverrides;
  backend?: BackendName | 'auto';
  /** @default 'CNN_LSTM' */
  model?: RunModel;
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
    ...modelSettings(config, options.model ?? 'CNN_LSTM'),
  };
}

/** The model part of a job: families, backtest shape, validation refits. */
export function modelSettings(
  config: Pick<Config, 'models'>,
  model: RunModel,
): Pick<TrainingJob, 'families' | 'backtest' | 'validationRefitDays'> {
  return {
    families: familiesFor(config, model),
    backtest: { origins: config.models.backtestOrigins, horizon: config.models.backtestHorizon },
    validationRefitDays: config.models.validationRefitDays,
  };
}
