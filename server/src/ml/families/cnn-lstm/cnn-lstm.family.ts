/**
 * CNN_LSTM: the seeded CNN-LSTM of PRODUCT.md behind the family interface. Wraps the existing pieces
 * (`cnn-lstm.model.ts`, `train-model.ts`, `forecast.ts`, `model-io.ts`) without changing them: fit =
 * chronological split, train-only normalisation, windows, seeded training with early stopping on the
 * validation loss; forecasts recursive from the last `windowSize` days of any context, so backtests fit
 * once and condition at each origin.
 */
import { buildCnnLstm } from '../../cnn-lstm.model.js';
import { fromDayNumber, toDayNumber, type DailySeries } from '../../data/daily-series.js';
import type { Normalization } from '../../data/normalize.js';
import { minimumDays, prepareDataset } from '../../data/prepare-dataset.js';
import { forecastRecursive } from '../../forecast.js';
import type { ModelArtifacts } from '../../model-bundle.js';
import { captureModel, loadModel } from '../../model-io.js';
import { trainModel, type EpochEvent } from '../../train-model.js';
import type * as tf from '@tensorflow/tfjs';
import {
  FitCancelledError,
  type FamilyState,
  type FittedModel,
  type History,
  type ModelFamily,
} from '../family.js';

/** What the CNN-LSTM stores besides its weights. */
export interface CnnLstmStateData {
  normalization: Normalization;
  windowSize: number;
  /** The last `windowSize` days of the fitted history: the default context. */
  lastWindow: number[];
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
      return forecastRecursive(model, context ?? data.lastWindow, {
        horizon,
        normalization: data.normalization,
        windowSize: data.windowSize,
      });
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

export const cnnLstmFamily: ModelFamily = {
  name: 'CNN_LSTM',
  conditions: true,
  minimumDays: ({ hyperparameters: hp }) => minimumDays(hp),
  async fit(history, options) {
    const hp = options.hyperparameters;
    const dataset = prepareDataset(historySeries(history), hp);
    const model = buildCnnLstm(hp, options.seed);
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
          seed: options.seed,
          signal: options.signal,
          onEpochEnd: options.onEpoch,
        },
      );
      if (fit.cancelled) throw new FitCancelledError(fit.epochs.length);
      const data: CnnLstmStateData = {
        normalization: dataset.normalization,
        windowSize: hp.windowSize,
        lastWindow: history.values.slice(-hp.windowSize),
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
