import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend.js';
import { buildCnnLstm } from './cnn-lstm.model.js';
import { trainModel, type EpochEvent, type TrainingData } from './train-model.js';
import { syntheticSeries, TINY_HP, windowsOf } from './test-hyperparameters.js';

function dataset(): TrainingData {
  const values = syntheticSeries(200).map((v) => (v - 120) / 25);
  const train = windowsOf(values.slice(0, 160), 14);
  const validation = windowsOf(values.slice(160), 14);
  return {
    trainInputs: train.inputs,
    trainTargets: train.targets,
    validationInputs: validation.inputs,
    validationTargets: validation.targets,
  };
}

async function fit(seed: number, epochs = 2) {
  const model = buildCnnLstm(TINY_HP, seed);
  const events: EpochEvent[] = [];
  const result = await trainModel(model, dataset(), {
    epochs,
    batchSize: 32,
    seed,
    onEpochEnd: (e) => void events.push(e),
  });
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.optimizer.dispose();
  model.dispose();
  return { result, events, weights };
}

describe('trainModel', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('should report each epoch from 1 with a falling loss when fitting 2 epochs', async () => {
    const { result, events } = await fit(42);
    expect(events.map((e) => e.epoch)).toEqual([1, 2]);
    expect(events.every((e) => e.totalEpochs === 2 && e.elapsedMs >= 0)).toBe(true);
    expect(events[1]!.trainLoss).toBeLessThan(events[0]!.trainLoss);
    expect(Number.isFinite(events[1]!.valLoss)).toBe(true);
    expect(result).toEqual({ epochs: events, cancelled: false, bestEpoch: 2 });
  });

  it('should produce identical weights when seed, data and backend are the same', async () => {
    const a = await fit(3);
    const b = await fit(3);
    const c = await fit(4);
    expect(a.weights).toEqual(b.weights);
    expect(a.events).toEqual(b.events.map((e, i) => ({ ...e, elapsedMs: a.events[i]!.elapsedMs })));
    expect(c.weights).not.toEqual(a.weights);
  });

  it('should not leak tensors when a fit ends', async () => {
    await fit(1, 1);
    const before = tf.memory().numTensors;
    await fit(1, 2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('should stop within the epoch and report cancelled when the signal aborts', async () => {
    const controller = new AbortController();
    const model = buildCnnLstm(TINY_HP, 1);
    const result = await trainModel(model, dataset(), {
      epochs: 50,
      batchSize: 8,
      seed: 1,
      signal: controller.signal,
      onEpochEnd: (e) => {
        if (e.epoch === 2) controller.abort();
      },
    });
    model.dispose();
    expect(result.cancelled).toBe(true);
    expect(result.epochs.map((e) => e.epoch)).toEqual([1, 2]);
  });

  it('should stop within the epoch when the abort arrives as an event (a worker message) after a fast epoch', async () => {
    const controller = new AbortController();
    const model = buildCnnLstm(TINY_HP, 1);
    const result = await trainModel(model, dataset(), {
      epochs: 50,
      batchSize: 8,
      seed: 1,
      signal: controller.signal,
      // Like a cancel message from the parent thread: it runs only when training yields to the event loop.
      onEpochEnd: (e) => {
        if (e.epoch === 1) setImmediate(() => controller.abort());
      },
    });
    model.dispose();
    expect(result.cancelled).toBe(true);
    expect(result.epochs.map((e) => e.epoch)).toEqual([1]);
  });

  it('should throw when there are no validation windows', async () => {
    const model = buildCnnLstm(TINY_HP, 1);
    const data = { ...dataset(), validationInputs: [], validationTargets: [] };
    await expect(trainModel(model, data, { epochs: 1, batchSize: 8, seed: 1 })).rejects.toThrow(
      /validation window/,
    );
    model.dispose();
  });

  it('should stop after `patience` epochs without a better validation loss and restore the best weights', async () => {
    const model = buildCnnLstm({ ...TINY_HP, learningRate: 0.05 }, 3);
    const snapshots: number[][][] = [];
    const result = await trainModel(model, dataset(), {
      epochs: 25,
      batchSize: 16,
      seed: 3,
      patience: 2,
      onEpochEnd: () => void snapshots.push(model.getWeights().map((w) => Array.from(w.dataSync()))),
    });
    const losses = result.epochs.map((e) => e.valLoss);
    const best = losses.indexOf(Math.min(...losses)) + 1;
    expect(result.bestEpoch).toBe(best);
    if (result.epochs.length < 25) expect(result.epochs.length - best).toBe(2);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(snapshots[best - 1]);
    model.optimizer.dispose();
    model.dispose();
  });
});
