/**
 * The CNN-LSTM of PRODUCT.md: [window, 1] → Conv1D(filters, kernel, relu) → LSTM(units) × layers → Dense(1),
 * MSE loss, Adam. Shaped exactly like the original PyTorch model (valid padding; sigmoid recurrent
 * activation, where TF.js would default to hard sigmoid), so results compare. Seeded initialisers make
 * the initial weights a function of the seed. Used by `train-model.ts` and tests.
 */
import * as tf from '@tensorflow/tfjs';
import { fusedAdam } from './fused-adam.js';
import { fusedLstmLayer } from './fused-lstm-layer.js';
import type { CnnLstmHyperparameters } from './hyperparameters.js';

/**
 * Builds and compiles the model.
 * @param hp shape and optimiser settings.
 * @param seed seeds every initialiser (each layer gets its own offset of it).
 * @returns a compiled LayersModel taking [batch, windowSize, 1] and returning [batch, 1].
 */
export function buildCnnLstm(hp: CnnLstmHyperparameters, seed: number): tf.LayersModel {
  return withoutOrthogonalSizeWarning(() => build(hp, seed));
}

function build(hp: CnnLstmHyperparameters, seed: number): tf.LayersModel {
  if (hp.kernelSize > hp.windowSize) {
    throw new RangeError(`kernel size ${hp.kernelSize} is larger than the window (${hp.windowSize} days)`);
  }
  let nextSeed = seed;
  const glorot = () => tf.initializers.glorotUniform({ seed: nextSeed++ });
  const model = tf.sequential({ name: 'CNNLSTM' });
  model.add(
    tf.layers.conv1d({
      inputShape: [hp.windowSize, 1],
      filters: hp.convFilters,
      kernelSize: hp.kernelSize,
      activation: 'relu',
      padding: 'valid',
      kernelInitializer: glorot(),
    }),
  );
  for (let layer = 0; layer < hp.lstmLayers; layer++) {
    model.add(
      fusedLstmLayer({
        units: hp.lstmUnits,
        recurrentActivation: 'sigmoid',
        returnSequences: layer < hp.lstmLayers - 1,
        kernelInitializer: glorot(),
        recurrentInitializer: tf.initializers.orthogonal({ seed: nextSeed++, gain: 1 }),
      }),
    );
  }
  model.add(tf.layers.dense({ units: 1, kernelInitializer: glorot() }));
  model.compile({ optimizer: fusedAdam(hp.learningRate), loss: 'meanSquaredError' });
  return model;
}

// TF.js warns that an orthogonal initialiser over > 2000 elements may be slow; the LSTM's recurrent
// kernel (units × 4·units = 16,384 at 64 units) always trips it and it costs ~10 ms. Keep other warnings.
function withoutOrthogonalSizeWarning<T>(fn: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Orthogonal initializer is being called')) return;
    warn(...args);
  };
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}
