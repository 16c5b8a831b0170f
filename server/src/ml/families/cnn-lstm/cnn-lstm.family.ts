/**
 * CNN_LSTM: the seeded CNN-LSTM of PRODUCT.md behind the family interface. Wraps the existing pieces
 * (`cnn-lstm.model.ts`, `train-model.ts`, `forecast.ts`, `model-io.ts`) without changing them: fit =
 * chronological split, train-only normalisation, windows (with the configured input scaling), seeded
 * training with early stopping on the validation loss (best weights restored); forecasts recursive from
 * the last `windowSize` days of any context, so backtests fit once and condition at each origin.
 */
import { buildCnnLstm } from '../../cnn-lstm.model.js';
import { fromDayNumber, toDayNumber, type DailySeries } from '../../data/daily-series.js';
import { denormalize, type Normalization } from '../../data/normalize.js';
import { minimumDays, prepareDataset, type PreparedDataset } from '../../data/prepare-dataset.js';
import { forecastRecursive, predictNormalized } from '../../forecast.js';
import type { CnnLstmScaling } from '../../hyperparameters.js';
import type { ModelArtifacts } from '../../model-bundle.js';
import { captureModel, loadModel } from '../../model-io.js';
import { trainModel, type EpochEvent, type TrainingData } from '../../train-model.js';
import type * as tf from '@tensorflow/tfjs';
import {
  assertHorizon,
  FitCancelledError,
  type FamilyState,
  type FittedModel,
  type History,
  type ModelFamily,
} from '../family.js';
import { effectiveScaling, fromModelSpace, scaleWindows, toModelSpace, windowStats } from './scaling.js';

/** What the CNN-LSTM stores besides its weights. */
export interface CnnLstmStateData {
  /** Of the training part, in model space (after log1p when that scaling is used). */
  normalization: Normalization;
  windowSize: number;
  /** The last `windowSize` days of the fitted history: the default context. */
  lastWindow: number[];
  /** Absent in versions made before scalings: zscore. */
  scaling?: CnnLstmScaling;
}

/** Recursive multi-step forecast in sales units under the version's scaling. */
function forecastScaled(
  model: tf.LayersModel,
  data: CnnLstmStateData,
  context: readonly number[],
  horizon: number,
): number[] {
  const scaling = data.scaling ?? 'zscore';
  const { windowSize, normalization } = data;
  if (context.length < windowSize)
    throw new RangeError(`need the last ${windowSize} daily values (got ${context.length})`);
  const window = toModelSpace(context.slice(-windowSize), scaling);
  if (scaling !== 'window')
    return fromModelSpace(forecastRecursive(model, window, { horizon, normalization, windowSize }), scaling);
  assertHorizon(horizon);
  const out: number[] = [];
  for (let step = 0; step < horizon; step++) {
    const { mean, std } = windowStats(window, normalization.std);
    const next = predictNormalized(model, [window.map((v) => (v - mean) / std)])[0]! * std + mean;
    out.push(next);
    window.shift();
    window.push(next);
  }
  return out;
}

/** The consecutive dates of a history, for the data pipeline's `DailySeries`. */
export function historySeries(history: History, category = 'series'): DailySeries {
  const first = toDayNumber(history.startDate);
  return {
    category,
    dates: history.values.map((_, i) => fromDayNumber(first + i)),
    values: [...history.values],
  };
}

function fitted(model: tf.LayersModel, data: CnnLstmStateData, epochs?: EpochEvent[]): FittedModel {
  let disposed = false;
  return {
    family: 'CNN_LSTM',
    epochs,
    async forecast(horizon, context) {
      return forecastScaled(model, data, context ?? data.lastWindow, horizon);
    },
    async state(): Promise<FamilyState> {
      const artifacts: ModelArtifacts = await captureModel(model);
      return { family: 'CNN_LSTM', data: { ...data }, artifacts };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      model.optimizer?.dispose();
      model.dispose();
    },
  };
}

/** The dataset's windows as the network sees them: zscored, or rescaled window by window. */
function trainingData(dataset: PreparedDataset, scaling: CnnLstmScaling): TrainingData {
  const part = (windows: PreparedDataset['train']) => {
    if (scaling !== 'window') return { inputs: windows.inputs, targets: windows.targets };
    const norm = dataset.normalization;
    const raw = windows.inputs.map((w) => denormalize(w, norm));
    return scaleWindows(raw, denormalize(windows.targets, norm), norm.std);
  };
  const train = part(dataset.train);
  const validation = part(dataset.validation);
  return {
    trainInputs: train.inputs,
    trainTargets: train.targets,
    validationInputs: validation.inputs,
    validationTargets: validation.targets,
  };
}

export const cnnLstmFamily: ModelFamily = {
  name: 'CNN_LSTM',
  conditions: true,
  minimumDays: ({ hyperparameters: hp }) => minimumDays(hp),
  async fit(history, options) {
    const hp = options.hyperparameters;
    const scaling = effectiveScaling(hp.scaling ?? 'zscore', history.values);
    const modelSpace = { ...history, values: toModelSpace(history.values, scaling) };
    const dataset = prepareDataset(historySeries(modelSpace), hp);
    const model = buildCnnLstm(hp, options.seed);
    try {
      const fit = await trainModel(model, trainingData(dataset, scaling), {
        epochs: hp.epochs,
        batchSize: hp.batchSize,
        seed: options.seed,
        signal: options.signal,
        onEpochEnd: options.onEpoch,
        patience: hp.patience,
      });
      if (fit.cancelled) throw new FitCancelledError(fit.epochs.length);
      const data: CnnLstmStateData = {
        normalization: dataset.normalization,
        windowSize: hp.windowSize,
        lastWindow: history.values.slice(-hp.windowSize),
        scaling,
      };
      return fitted(model, data, fit.epochs);
    } catch (error) {
      model.optimizer?.dispose();
      model.dispose();
      throw error;
    }
  },
  async load(state) {
    if (!state.artifacts) throw new Error('CNN_LSTM state: the TF.js weights are missing');
    return fitted(await loadModel(state.artifacts), state.data as unknown as CnnLstmStateData);
  },
};
