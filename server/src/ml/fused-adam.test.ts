import { afterAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { initBackend } from './backend.js';
import { ADAM_UPDATE, fusedAdam, registerAdamKernel, unregisterAdamKernel } from './fused-adam.js';

const SHAPES = [[7, 5], [5], [3, 4, 2]];

/** Runs `steps` Adam steps from fixed values with fixed random gradients; returns values and state. */
async function run(optimizer: tf.Optimizer, steps: number) {
  const random = seedrandom('adam');
  const fill = (shape: number[]) =>
    Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => random() * 2 - 1);
  const variables = SHAPES.map((shape, i) =>
    tf.variable(tf.tensor(fill(shape), shape), true, `w${i}_${steps}`),
  );
  for (let step = 0; step < steps; step++) {
    // Gradients spanning magnitudes, zeros included, so the √v + ε and bias-correction paths all count.
    const grads = variables.map((v) => ({
      name: v.name,
      tensor: tf.tensor(
        fill(v.shape).map((g, k) => (k % 5 === 0 ? 0 : g * 10 ** ((k % 7) - 4))),
        v.shape,
      ),
    }));
    optimizer.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
  }
  const values = variables.map((v) => Array.from(v.dataSync()));
  const state = (await optimizer.getWeights()).map((w) => Array.from(w.tensor.dataSync()));
  tf.dispose(variables);
  optimizer.dispose();
  return { values, state };
}

describe.each(['wasm', 'cpu'] as const)('fusedAdam on %s', (backend) => {
  afterAll(async () => {
    registerAdamKernel();
    await initBackend('wasm');
  });

  it('should update weights and moments bit for bit like tf.train.adam when run for 30 steps', async () => {
    await initBackend(backend);
    const want = await run(tf.train.adam(0.01), 30);
    const kernels = await tf.profile(() => run(fusedAdam(0.01), 30));
    expect(kernels.kernelNames).toContain(ADAM_UPDATE);
    const got = kernels.result as Awaited<ReturnType<typeof run>>;
    expect(got.values).toEqual(want.values);
    expect(got.state).toEqual(want.state);
  });

  it('should run TF.js’s Adam when the backend has no update kernel', async () => {
    await initBackend(backend);
    unregisterAdamKernel();
    const kernels = await tf.profile(() => run(fusedAdam(0.01), 3));
    registerAdamKernel();
    expect(kernels.kernelNames).not.toContain(ADAM_UPDATE);
    expect((kernels.result as Awaited<ReturnType<typeof run>>).values).toEqual(
      (await run(tf.train.adam(0.01), 3)).values,
    );
  });
});
