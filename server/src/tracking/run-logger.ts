/**
 * Pure builders that turn a training run's data into MLflow payloads (run name, tags, params, metrics),
 * as MLflow's Keras callback does: tags and params at train begin, `train_loss`/`val_loss` per epoch
 * at `step = epoch`, evaluation metrics at the end. No I/O and no clock: the caller passes timestamps,
 * so the same input always gives the same payload and the sync outbox can replay it safely.
 */
import type { KeyValue, Metric } from './mlflow-entities.js';
import { LogBatch } from './mlflow.spec.js';

/** The model every run of this platform trains. */
export const MODEL_NAME = 'CNNLSTM';

/** MLflow's documented limits on keys and values (see `mlflow.spec.ts`). */
const MAX_KEY_LENGTH = 250;
const MAX_PARAM_VALUE_LENGTH = 6000;

/** What a run is tagged with. */
export interface RunTagsInput {
  category: string;
  datasetName: string;
  windowSize: number;
  learningRate: number;
  tfBackend: string;
  /** `CNNLSTM` for CNN-LSTM runs, else the run's model (`AUTO`, `ETS`, …). */
  model: string;
}

/** @returns the MLflow model name of a run's model: `CNNLSTM` for the CNN-LSTM, else the model as is. */
export function mlflowModelName(model: string = 'CNN_LSTM'): string {
  return model === 'CNN_LSTM' ? MODEL_NAME : model;
}

/** @returns the MLflow run name, `CNNLSTM-{category}` (`AUTO-{category}`, `ETS-{category}`… for others). */
export function buildRunName(category: string, model?: string): string {
  return `${mlflowModelName(model)}-${category}`;
}

/**
 * @returns the run's tags in a fixed order: `item_id`, `model`, `dataset`, `window_size`,
 *   `learning_rate`, `tf_backend`. No `mlflow.runName`: runs/create's `run_name` field sets it.
 */
export function buildRunTags(input: RunTagsInput): KeyValue[] {
  return [
    { key: 'item_id', value: input.category },
    { key: 'model', value: input.model },
    { key: 'dataset', value: input.datasetName },
    { key: 'window_size', value: String(input.windowSize) },
    { key: 'learning_rate', value: String(input.learningRate) },
    { key: 'tf_backend', value: input.tfBackend },
  ];
}

/**
 * @param hyperparameters - every hyperparameter of the run, by name.
 * @returns one param per hyperparameter, value stringified, sorted by key (code-unit order, not locale).
 * @throws RangeError when a key or value exceeds MLflow's limits (250 / 6000 characters) or there are
 *   more than 100 params, which MLflow would reject on every retry.
 */
export function buildParams(hyperparameters: Record<string, number | string | boolean>): KeyValue[] {
  const params = Object.keys(hyperparameters)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => ({ key, value: String(hyperparameters[key]) }));
  if (params.length > LogBatch.MAX_PARAMS) {
    throw new RangeError(
      `At most ${LogBatch.MAX_PARAMS} hyperparameters can be logged, got ${params.length}`,
    );
  }
  for (const { key, value } of params) {
    if (key.length > MAX_KEY_LENGTH)
      throw new RangeError(`Param key longer than ${MAX_KEY_LENGTH}: '${key}'`);
    if (value.length > MAX_PARAM_VALUE_LENGTH) {
      throw new RangeError(`Param '${key}' value longer than ${MAX_PARAM_VALUE_LENGTH} characters`);
    }
  }
  return params;
}

/** One finished epoch (epochs are numbered from 1). */
export interface EpochMetricsInput {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  /** When the epoch ended, Unix epoch milliseconds. */
  timestamp: number;
}

/** @returns `train_loss` and `val_loss` at `step = epoch`. */
export function buildEpochMetrics(input: EpochMetricsInput): Metric[] {
  const timestamp = Math.trunc(input.timestamp);
  return [
    { key: 'train_loss', value: input.trainLoss, timestamp, step: input.epoch },
    { key: 'val_loss', value: input.valLoss, timestamp, step: input.epoch },
  ];
}

/** Evaluation on the validation windows, in sales units. */
export interface FinalMetricsInput {
  rmse: number;
  mae: number;
  /** Absent or non-finite when the seasonal-naive baseline has no error to scale by. */
  mase?: number | null;
  naiveRmse: number;
  naiveMae: number;
  seasonalNaiveRmse: number;
  seasonalNaiveMae: number;
  /** When evaluation ended, Unix epoch milliseconds. */
  timestamp: number;
}

/** @returns `rmse`, `mae`, `mase` (only when finite), then the naive and seasonal-naive baselines, at step 0. */
export function buildFinalMetrics(input: FinalMetricsInput): Metric[] {
  const timestamp = Math.trunc(input.timestamp);
  const metric = (key: string, value: number): Metric => ({ key, value, timestamp, step: 0 });
  const { mase } = input;
  return [
    metric('rmse', input.rmse),
    metric('mae', input.mae),
    ...(typeof mase === 'number' && Number.isFinite(mase) ? [metric('mase', mase)] : []),
    metric('naive_rmse', input.naiveRmse),
    metric('naive_mae', input.naiveMae),
    metric('seasonal_naive_rmse', input.seasonalNaiveRmse),
    metric('seasonal_naive_mae', input.seasonalNaiveMae),
  ];
}
