/**
 * Fits a compiled model epoch by epoch with a seeded shuffle, reporting each epoch (1-based) with its
 * train loss, validation loss and duration, and stopping within the current epoch when the signal aborts.
 * Called by `training/trainer.ts`; it knows nothing of workers, databases or tracking.
 */
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';

/** One finished epoch. Losses are MSE on normalised values, as in the original system. */
export interface EpochEvent {
  epoch: number;
  totalEpochs: number;
  trainLoss: number;
  valLoss: number;
  elapsedMs: number;
}

/** Windowed, normalised data: inputs [n][window], targets [n]. */
export interface TrainingData {
  trainInputs: number[][];
  trainTargets: number[];
  validationInputs: number[][];
  validationTargets: number[];
}

export interface TrainModelOptions {
  epochs: number;
  batchSize: number;
  /** Seeds the order of training windows in each epoch. */
  seed: number;
  /** Aborting stops training within the current epoch; `trainModel` then resolves with `cancelled: true`. */
  signal?: AbortSignal;
  /** Awaited after each epoch, before the next one starts. */
  onEpochEnd?: (event: EpochEvent) => void | Promise<void>;
  /**
   * Early stopping: stop after this many epochs without a lower validation loss, and restore the weights
   * of the best epoch (also when training ran to `epochs`). Absent or null: train every epoch, keep the
   * last weights (the original system's behaviour).
   */
  patience?: number | null;
}

export interface TrainModelResult {
  epochs: EpochEvent[];
  cancelled: boolean;
  /** The epoch whose weights the model holds (the best one under early stopping, else the last). */
  bestEpoch: number;
}

/** Turns windows into a [n, window, 1] tensor. */
export function toInputTensor(inputs: readonly (readonly number[])[], windowSize: number): tf.Tensor3D {
  return tf.tensor3d(Float32Array.from(inputs.flat()), [inputs.length, windowSize, 1]);
}

/**
 * Trains `model` in place.
 * @returns every finished epoch, and whether it stopped because the signal aborted.
 * @throws when the data is empty or a loss becomes NaN (diverged training).
 */
export async function trainModel(
  model: tf.LayersModel,
  data: TrainingData,
  options: TrainModelOptions,
): Promise<TrainModelResult> {
  const windowSize = data.trainInputs[0]?.length ?? 0;
  if (data.trainInputs.length === 0 || data.validationInputs.length === 0) {
    throw new RangeError('training needs at least one training and one validation window');
  }
  const x = toInputTensor(data.trainInputs, windowSize);
  const y = tf.tensor2d(data.trainTargets, [data.trainTargets.length, 1]);
  const valX = toInputTensor(data.validationInputs, windowSize);
  const valY = tf.tensor2d(data.validationTargets, [data.validationTargets.length, 1]);
  const random = seedrandom(String(options.seed));
  const epochs: EpochEvent[] = [];
  const best = new BestWeights(options.patience ?? null);
  const cancelled = () => ({ epochs, cancelled: true, bestEpoch: epochs.length });
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      if (options.signal?.aborted) return cancelled();
      const started = performance.now();
      const order = tf.tensor1d(shuffledIndices(data.trainInputs.length, random), 'int32');
      const [ex, ey] = [x.gather(order), y.gather(order)];
      order.dispose();
      const history = await model
        .fit(ex, ey, {
          epochs: 1,
          batchSize: options.batchSize,
          shuffle: false,
          validationData: [valX, valY],
          verbose: 0,
          // Yield to the event loop after every batch, so an abort (a worker's cancel message) is seen
          // within the epoch: TF.js's default yields only once 125 ms have passed in a fit, which a
          // whole epoch now takes less than, and then never.
          yieldEvery: 'batch',
          callbacks: { onBatchEnd: () => stopIfAborted(model, options.signal) },
        })
        .finally(() => tf.dispose([ex, ey]));
      if (options.signal?.aborted) return cancelled();
      const event: EpochEvent = {
        epoch,
        totalEpochs: options.epochs,
        trainLoss: lastValue(history.history.loss),
        valLoss: lastValue(history.history.val_loss),
        elapsedMs: Math.round(performance.now() - started),
      };
      if (!Number.isFinite(event.trainLoss))
        throw new Error(`training diverged at epoch ${epoch} (loss is NaN)`);
      epochs.push(event);
      await options.onEpochEnd?.(event);
      if (best.observe(model, event)) break;
    }
    return { epochs, cancelled: false, bestEpoch: best.restore(model) ?? epochs.length };
  } finally {
    best.dispose();
    tf.dispose([x, y, valX, valY]);
  }
}

/** Early stopping's memory: the lowest validation loss so far and a copy of that epoch's weights. */
class BestWeights {
  private loss = Infinity;
  private epoch = 0;
  private weights: tf.Tensor[] = [];

  constructor(private readonly patience: number | null) {}

  /** Records an epoch. @returns true when training should stop (patience ran out). */
  observe(model: tf.LayersModel, event: EpochEvent): boolean {
    if (this.patience === null) return false;
    if (event.valLoss < this.loss) {
      this.loss = event.valLoss;
      this.epoch = event.epoch;
      tf.dispose(this.weights);
      this.weights = model.getWeights().map((w) => w.clone());
    }
    return event.epoch - this.epoch >= this.patience;
  }

  /** Puts the best epoch's weights back. @returns that epoch, or null without early stopping. */
  restore(model: tf.LayersModel): number | null {
    if (this.patience === null || this.weights.length === 0) return null;
    model.setWeights(this.weights);
    return this.epoch;
  }

  dispose(): void {
    tf.dispose(this.weights);
    this.weights = [];
  }
}

function stopIfAborted(model: tf.LayersModel, signal: AbortSignal | undefined): void {
  if (signal?.aborted) model.stopTraining = true;
}

function lastValue(values: (number | tf.Tensor)[] | undefined): number {
  const value = values?.at(-1);
  return typeof value === 'number' ? value : Number.NaN;
}

/** Fisher–Yates with a seeded generator, so the same seed gives the same batches. */
function shuffledIndices(n: number, random: () => number): Int32Array {
  const indices = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  return indices;
}
