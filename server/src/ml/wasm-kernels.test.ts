import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initBackend, registerWasmKernels } from './backend.js';
import { buildCnnLstm } from './cnn-lstm.model.js';
import { maxAbsDiffAll } from './test-compare.js';
import { syntheticSeries, TINY_HP, windowsOf } from './test-hyperparameters.js';
import { trainModel } from './train-model.js';
import { restoreStockWasmKernels } from './wasm-kernel-override.js';

// The product's shape (32 filters, 64 units), so the kernels see the sizes they are tuned for.
const HP = { ...TINY_HP, convFilters: 32, lstmUnits: 64, learningRate: 1e-3 };

async function fitWeights(epochs: number): Promise<{ weights: Float32Array[]; losses: number[] }> {
  const values = syntheticSeries(260).map((v) => (v - 130) / 30);
  const train = windowsOf(values.slice(0, 208), HP.windowSize);
  const validation = windowsOf(values.slice(208), HP.windowSize);
  const model = buildCnnLstm(HP, 7);
  const data = {
    trainInputs: train.inputs,
    trainTargets: train.targets,
    validationInputs: validation.inputs,
    validationTargets: validation.targets,
  };
  const fit = await trainModel(model, data, { epochs, batchSize: 32, seed: 7 });
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  model.optimizer.dispose();
  model.dispose();
  return { weights, losses: fit.epochs.map((e) => e.trainLoss) };
}

describe('our WASM kernels', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });
  afterAll(() => registerWasmKernels());

  it('should train to the same weights as the stock kernels when the seed is the same', async () => {
    restoreStockWasmKernels();
    const stock = await fitWeights(4);
    registerWasmKernels();
    const ours = await fitWeights(4);
    // Float32 sums in another order (XNNPACK vs TF.js's loop) differ in the last bits; after 4 epochs of
    // Adam that stays below 1e-5 (measured: ~1e-7), far below what one step moves a weight (~1e-3).
    expect(maxAbsDiffAll(ours.weights, stock.weights)).toBeLessThan(1e-5);
    ours.losses.forEach((loss, i) => expect(loss).toBeCloseTo(stock.losses[i]!, 5));
    // The weights did move, so the comparison is not between two untrained models.
    const initial = buildCnnLstm(HP, 7);
    const moved = maxAbsDiffAll(
      initial.getWeights().map((w) => w.dataSync() as Float32Array),
      ours.weights,
    );
    initial.dispose();
    expect(moved).toBeGreaterThan(1e-3);
  });

  it('should not grow the WASM heap’s tensors when training with them', async () => {
    registerWasmKernels();
    await fitWeights(1);
    const before = tf.backend().numDataIds();
    await fitWeights(2);
    expect(tf.backend().numDataIds()).toBe(before);
  });
});
