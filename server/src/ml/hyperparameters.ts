/**
 * Hyperparameter shapes shared by the model builder, the trainer, the CLI and the API.
 * Values come from `config.yaml` (model.*, data.*, training.*) with per-run overrides.
 */

/** What defines the network's shape and optimiser (PRODUCT.md "Model"). */
export interface CnnLstmHyperparameters {
  /** Days of history per input window. */
  windowSize: number;
  /** Conv1D filters. */
  convFilters: number;
  /** Conv1D kernel width (valid padding, as PyTorch's default). */
  kernelSize: number;
  /** Units of each LSTM layer. */
  lstmUnits: number;
  /** Stacked LSTM layers (the original has 1). */
  lstmLayers: number;
  /** Adam learning rate. */
  learningRate: number;
  /**
   * How the CNN-LSTM's inputs are scaled (see `families/cnn-lstm/scaling.ts`): `zscore` (train-part mean
   * and std, the original), `log1p` (then zscore; only for series without negative days) or `window`
   * (each window by its own mean and std); `auto` backtests all three and keeps the best (the trainer
   * resolves it, `fit-candidate.ts`). @default 'zscore'
   */
  scaling?: CnnLstmScaling | 'auto';
}

/** Everything a training run needs beyond the data. */
export interface TrainingHyperparameters extends CnnLstmHyperparameters {
  epochs: number;
  batchSize: number;
  /** Seeds weight initialisation and the per-epoch shuffle. */
  seed: number;
  validationFraction: number;
  /** Early-stopping patience in epochs (best weights restored); null/absent = no early stopping. */
  patience?: number | null;
}

export const CNN_LSTM_SCALINGS = ['zscore', 'log1p', 'window'] as const;
export type CnnLstmScaling = (typeof CNN_LSTM_SCALINGS)[number];
