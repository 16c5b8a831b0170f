import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { initBackend } from './backend.js';
import { buildCnnLstm } from './cnn-lstm.model.js';
import { FusedLstm, fusedLstmLayer, loadLstmLayersAsFused } from './fused-lstm-layer.js';
import { LSTM_FORWARD } from './lstm-kernels.js';
import { captureModel, loadModel } from './model-io.js';
import { maxAbsDiff } from './test-compare.js';

const random = seedrandom('fused-lstm');
const randomTensor = (shape: number[]) =>
  tf.tensor(
    Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => random() * 2 - 1),
    shape,
  );
const [BATCH, STEPS, FEATURES, UNITS] = [5, 7, 3, 6];

/** A stock LSTM and a fused one with the same weights, built for [STEPS, FEATURES] inputs. */
function layerPair(args: Partial<tf.LSTMLayerArgs>) {
  const config = { units: UNITS, recurrentActivation: 'sigmoid' as const, ...args };
  const stock = tf.layers.lstm(config);
  const fused = fusedLstmLayer(config);
  // Applying builds the weights (apply() would build again after a direct build()).
  tf.tidy(() => [stock, fused].forEach((layer) => layer.apply(tf.zeros([1, STEPS, FEATURES]))));
  // Non-zero bias too, so a bias added at the wrong place shows.
  fused.setWeights(stock.getWeights().map((w, i) => (i === 2 ? randomTensor(w.shape) : w)));
  stock.setWeights(fused.getWeights());
  return { stock, fused };
}

/** Output and gradients (x, kernel, recurrent kernel, bias) of Σ r·layer(x). */
function outputAndGrads(layer: tf.layers.Layer, x: tf.Tensor, r: tf.Tensor) {
  const xVar = tf.variable(x);
  const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  let output: Float32Array = new Float32Array();
  const { grads } = tf.variableGrads(() => {
    const y = layer.apply(xVar) as tf.Tensor;
    output = y.dataSync() as Float32Array;
    return tf.sum(tf.mul(y, r));
  }, [xVar, ...weights]);
  const result = [xVar, ...weights].map((v) => grads[v.name]!.dataSync() as Float32Array);
  tf.dispose([xVar, ...Object.values(grads)]);
  return { output, grads: result };
}

describe.each(['wasm', 'cpu'] as const)('FusedLstm on %s', (backend) => {
  afterAll(async () => {
    await initBackend('wasm');
  });

  it.each([false, true])(
    'should give the stock layer’s output and gradients when returnSequences=%s',
    async (returnSequences) => {
      await initBackend(backend);
      const { stock, fused } = layerPair({ returnSequences });
      const x = randomTensor([BATCH, STEPS, FEATURES]);
      const kernels = await tf.profile(() => fused.apply(x) as tf.Tensor);
      expect(kernels.kernelNames).toContain(LSTM_FORWARD);
      tf.dispose(kernels.result as tf.Tensor);
      const r = randomTensor(returnSequences ? [BATCH, STEPS, UNITS] : [BATCH, UNITS]);
      const want = outputAndGrads(stock, x, r);
      const got = outputAndGrads(fused, x, r);
      // Float32 sums in another order and the sigmoid-based tanh differ in the last bits only
      // (measured: outputs ≤ 9e-8, gradients ≤ 5e-8 apart).
      expect(maxAbsDiff(got.output, want.output)).toBeLessThan(1e-6);
      const distance = (i: number) => maxAbsDiff(got.grads[i]!, want.grads[i]!);
      const names = ['x', 'kernel', 'recurrent kernel', 'bias'];
      for (const [i, name] of names.entries())
        expect({ name, close: distance(i) < 1e-6 }).toEqual({ name, close: true });
      tf.dispose([x, r]);
      stock.dispose();
      fused.dispose();
    },
  );

  it('should run the stock layer when the fused op does not compute it (hard sigmoid, reversed input)', async () => {
    await initBackend(backend);
    for (const args of [{ recurrentActivation: 'hardSigmoid' as const }, { goBackwards: true }]) {
      const { stock, fused } = layerPair(args);
      const x = randomTensor([BATCH, STEPS, FEATURES]);
      const kernels = await tf.profile(() => fused.apply(x) as tf.Tensor);
      expect(kernels.kernelNames).not.toContain(LSTM_FORWARD);
      tf.dispose(kernels.result as tf.Tensor);
      const r = randomTensor([BATCH, UNITS]);
      const [got, want] = [outputAndGrads(fused, x, r), outputAndGrads(stock, x, r)];
      expect(maxAbsDiff(got.output, want.output)).toBe(0);
      got.grads.forEach((grad, i) => expect(maxAbsDiff(grad, want.grads[i]!)).toBe(0));
      tf.dispose([x, r]);
      stock.dispose();
      fused.dispose();
    }
  });
});

describe('FusedLstm saved and loaded', () => {
  const fixture = path.resolve(import.meta.dirname, '../../test/fixtures/model-before-fused-lstm');
  const read = (name: string) => fs.readFileSync(path.join(fixture, name));

  it('should load a model version saved before it existed and predict what that version predicted', async () => {
    await initBackend('wasm');
    // Saved by buildCnnLstm with TF.js's own LSTM (commit 642a4ce), 2 epochs on synthetic data.
    const { modelTopology, weightSpecs } = JSON.parse(read('model.json').toString());
    const { hyperparameters, inputs, predictions } = JSON.parse(read('predictions.json').toString());
    // Loaded as initBackend sets it up: with the fused layer.
    const old = await loadModel({
      modelTopology,
      weightSpecs,
      weightData: new Uint8Array(read('weights.bin')),
    });
    const x = tf.tensor3d((inputs as number[][]).flat(), [inputs.length, hyperparameters.windowSize, 1]);
    const loaded = old.predict(x) as tf.Tensor;
    expect(maxAbsDiff(loaded.dataSync(), predictions)).toBeLessThan(1e-6);
    // The same weights in today's model (the fused layer) compute the same function.
    const today = buildCnnLstm(hyperparameters, 1);
    expect(today.layers[1]).toBeInstanceOf(FusedLstm);
    today.setWeights(old.getWeights());
    const fused = today.predict(x) as tf.Tensor;
    expect(maxAbsDiff(fused.dataSync(), predictions)).toBeLessThan(1e-6);
    tf.dispose([x, loaded, fused]);
    old.dispose();
    today.dispose();
  });

  it('should save a plain LSTM that TF.js’s own layer loads and that predicts the same', async () => {
    await initBackend('wasm');
    const model = buildCnnLstm(
      { windowSize: 14, convFilters: 4, kernelSize: 3, lstmUnits: 5, lstmLayers: 2, learningRate: 0.01 },
      3,
    );
    const artifacts = await captureModel(model);
    const layers = (artifacts.modelTopology as { config: { layers: { class_name: string }[] } }).config
      .layers;
    expect(layers.map((l) => l.class_name)).toEqual(['Conv1D', 'LSTM', 'LSTM', 'Dense']);
    loadLstmLayersAsFused(false);
    const stock = await loadModel(artifacts).finally(() => loadLstmLayersAsFused(true));
    expect(stock.layers[1]).not.toBeInstanceOf(FusedLstm);
    const loaded = await loadModel(artifacts);
    expect(loaded.layers[1]).toBeInstanceOf(FusedLstm);
    const x = randomTensor([4, 14, 1]);
    const [a, b, c] = [model, stock, loaded].map((m) => m.predict(x) as tf.Tensor) as tf.Tensor[];
    expect(maxAbsDiff(a!.dataSync(), b!.dataSync())).toBeLessThan(1e-6);
    // Loaded with the fused layer (what initBackend sets up), it predicts exactly what the model did.
    expect(Array.from(c!.dataSync())).toEqual(Array.from(a!.dataSync()));
    tf.dispose([x, a!, b!, c!]);
    [model, stock, loaded].forEach((m) => m.dispose());
  });
});
