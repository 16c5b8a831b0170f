/**
 * An LSTM over a whole sequence as one differentiable op (`tf.customGrad`): TF.js's own LSTM records
 * ~30 ops per time step on the tape (86 % of a training step's ~1,330 kernel calls). Here the input
 * projection x·W + b runs once for all steps, then one kernel runs the steps (`lstm-kernels.ts`: per
 * step a recurrent matmul and the gate math); backward, one kernel runs back through time to dZ, then
 * three matmuls over all steps give dx, dW and dU. Same weights and gate order as Keras (W [F, 4U],
 * U [U, 4U], b [4U]; i, f, g, o) and a zero initial state. Used by `fused-lstm-layer.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { runBackendKernel } from './backend-kernels.js';
import { LSTM_BACKWARD, LSTM_FORWARD, type LstmAttrs } from './lstm-kernels.js';

/**
 * Runs the LSTM over `x` from a zero state.
 * @param x [batch, steps, features].
 * @param weights the cell's kernel [features, 4·units], recurrent kernel [units, 4·units], bias [4·units].
 * @param returnSequences every step's h [batch, steps, units] instead of the last one's [batch, units].
 * @returns the output, differentiable with respect to x and the three weights.
 */
export function fusedLstm(
  x: tf.Tensor3D,
  weights: { kernel: tf.Tensor2D; recurrentKernel: tf.Tensor2D; bias: tf.Tensor1D },
  returnSequences: boolean,
): tf.Tensor {
  const [batch, steps, features] = x.shape;
  const attrs: LstmAttrs = { batch, steps, units: weights.recurrentKernel.shape[0], returnSequences };
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, w, u, b, save] = args as [
      tf.Tensor3D,
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor1D,
      tf.GradSaveFunc,
    ];
    // Time-major rows (step·batch + b), so each step's slice of x·W and dZ is contiguous.
    const xTime = tf.reshape(tf.transpose(input, [1, 0, 2]), [steps * batch, features]);
    const xw = tf.fused.matMul({ a: xTime, b: w, bias: b });
    const [h, states, hBefore] = runBackendKernel(LSTM_FORWARD, { xw, u }, attrs) as tf.Tensor2D[];
    save([xTime, w, u, states!, hBefore!]);
    const value = returnSequences ? tf.transpose(tf.reshape(h!, [steps, batch, -1]), [1, 0, 2]) : h!;
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => backward(dy, saved as tf.Tensor2D[], attrs);
    return { value, gradFunc };
  });
  return op(x, weights.kernel, weights.recurrentKernel, weights.bias);
}

/** Backpropagation through time over the saved states. @returns [dx, dW, dU, db]. */
function backward(dy: tf.Tensor, saved: tf.Tensor2D[], attrs: LstmAttrs): tf.Tensor[] {
  const { batch, steps, returnSequences } = attrs;
  return tf.tidy(() => {
    const [xTime, w, u, states, hBefore] = saved as [
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor2D,
    ];
    const dyTime = returnSequences ? tf.reshape(tf.transpose(dy, [1, 0, 2]), [steps * batch, -1]) : dy;
    const [dZ] = runBackendKernel(LSTM_BACKWARD, { states, u, dy: dyTime }, attrs) as tf.Tensor2D[];
    const dXTime = tf.reshape(tf.matMul(dZ!, w, false, true), [steps, batch, -1]);
    // dW = xᵀ·dZ and dU = h₋₁ᵀ·dZ contract over all T·B rows. Computed as (dZᵀ·x)ᵀ and (dZᵀ·h₋₁)ᵀ,
    // XNNPACK packs the narrow x and h₋₁ instead of dZ, and multiplies 4U rows instead of F or U: about
    // half the time. dZᵀ also gives db as a sum along rows, which WASM does without a transpose.
    const dZT = tf.transpose(dZ!);
    const dW = tf.transpose(tf.matMul(dZT, xTime));
    const dU = tf.transpose(tf.matMul(dZT, hBefore));
    return [tf.transpose(dXTime, [1, 0, 2]), dW, dU, tf.sum(dZT, 1)];
  });
}
