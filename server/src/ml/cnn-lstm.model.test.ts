import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend.js';
import { buildCnnLstm } from './cnn-lstm.model.js';
import { TINY_HP } from './test-hyperparameters.js';

describe('buildCnnLstm', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('should map [batch, window, 1] to [batch, 1] when built with the original shape', () => {
    const hp = { ...TINY_HP, windowSize: 14, convFilters: 32, kernelSize: 3, lstmUnits: 64 };
    const model = buildCnnLstm(hp, 1);
    expect(model.inputs[0]!.shape).toEqual([null, 14, 1]);
    expect(model.outputs[0]!.shape).toEqual([null, 1]);
    // Conv1D valid padding: 14 − 3 + 1 = 12 steps of 32 filters, as PyTorch's Conv1d(1→32, k=3).
    expect(model.layers[0]!.outputShape).toEqual([null, 12, 32]);
    expect(model.layers[1]!.outputShape).toEqual([null, 64]);
    const out = tf.tidy(() => (model.predict(tf.ones([5, 14, 1])) as tf.Tensor).shape);
    expect(out).toEqual([5, 1]);
    model.dispose();
  });

  it('should use the sigmoid recurrent activation when building the LSTM', () => {
    const model = buildCnnLstm(TINY_HP, 1);
    const lstm = model.layers[1]!.getConfig() as { recurrentActivation: string };
    expect(lstm.recurrentActivation).toBe('sigmoid');
    model.dispose();
  });

  it('should give identical initial weights when the seed is the same and different ones when not', () => {
    const weights = (seed: number) => {
      const model = buildCnnLstm(TINY_HP, seed);
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)).not.toEqual(weights(8));
  });

  it('should stack LSTM layers when lstmLayers is 2', () => {
    const model = buildCnnLstm({ ...TINY_HP, lstmLayers: 2 }, 1);
    expect(model.layers.map((l) => l.getClassName())).toEqual(['Conv1D', 'LSTM', 'LSTM', 'Dense']);
    model.dispose();
  });

  it('should throw when the kernel is wider than the window', () => {
    expect(() => buildCnnLstm({ ...TINY_HP, windowSize: 2, kernelSize: 3 }, 1)).toThrow(
      /larger than the window/,
    );
  });
});
