/**
 * An LSTM over a whole sequence as one differentiable op (`tf.customGrad`): TF.js's own LSTM records
 * ~30 ops per time step on the tape (86 % of a training step's ~1,330 kernel calls). Here the input
 * projection x·W + b runs once for all steps, each step is one recurrent matmul plus one gate kernel
 * (`lstm-gate-kernels.ts`), and the backward pass is one gate kernel and one matmul per step plus three
 * matmuls over all steps for dW, dU and dx. Same weights and gate order as Keras (W [F, 4U], U [U, 4U],
 * b [4U]; i, f, g, o) and a zero initial state. Used by `fused-lstm-layer.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { runArrayKernel } from './array-kernels.js';
import { LSTM_GATES_BACKWARD, LSTM_GATES_FORWARD, type LstmGateAttrs } from './lstm-gate-kernels.js';

/** Runs a gate kernel; inputs that are undefined (zero state at the ends of the sequence) are left out. */
function runGates(kernel: string, inputs: Record<string, tf.Tensor | undefined>, attrs: LstmGateAttrs) {
  return runArrayKernel(kernel, inputs, attrs) as [tf.Tensor2D, tf.Tensor2D];
}

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
  const units = weights.recurrentKernel.shape[0];
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
    const hs: tf.Tensor2D[] = [];
    const states: tf.Tensor2D[] = [];
    for (let step = 0; step < steps; step++) {
      const hu = step > 0 ? tf.matMul(hs[step - 1]!, u) : undefined;
      const [h, state] = runGates(
        LSTM_GATES_FORWARD,
        { xw, hu, prev: states[step - 1] },
        { batch, units, step },
      );
      hs.push(h);
      states.push(state);
    }
    save([xTime, w, u, ...states, ...hs.slice(0, -1)]);
    const value = returnSequences ? tf.transpose(tf.stack(hs), [1, 0, 2]) : hs[steps - 1]!;
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) =>
      backward(dy, saved as tf.Tensor2D[], { batch, steps, features, units, returnSequences });
    return { value, gradFunc };
  });
  return op(x, weights.kernel, weights.recurrentKernel, weights.bias);
}

interface Sizes {
  batch: number;
  steps: number;
  features: number;
  units: number;
  returnSequences: boolean;
}

/** Backpropagation through time over the saved states. @returns [dx, dW, dU, db]. */
function backward(dy: tf.Tensor, saved: tf.Tensor2D[], sizes: Sizes): tf.Tensor[] {
  const { batch, steps, features, units, returnSequences } = sizes;
  return tf.tidy(() => {
    const [xTime, w, u] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const states = saved.slice(3, 3 + steps);
    const hsBeforeLast = saved.slice(3 + steps);
    const dyTime = returnSequences ? tf.transpose(dy, [1, 0, 2]) : dy;
    const dzs: tf.Tensor2D[] = [];
    let dh: tf.Tensor | undefined;
    let dc: tf.Tensor | undefined;
    for (let step = steps - 1; step >= 0; step--) {
      const inputs = {
        state: states[step],
        prev: states[step - 1],
        dh,
        dc,
        dy: returnSequences || step === steps - 1 ? dyTime : undefined,
      };
      const attrs = { batch, units, step, dyAllSteps: returnSequences };
      const [dz, dcPrev] = runGates(LSTM_GATES_BACKWARD, inputs, attrs);
      dzs[step] = dz;
      dc = dcPrev;
      dh = step > 0 ? tf.matMul(dz, u, false, true) : undefined;
    }
    const dZ = tf.concat(dzs, 0);
    const dX = tf.transpose(tf.reshape(tf.matMul(dZ, w, false, true), [steps, batch, features]), [1, 0, 2]);
    // dW = xᵀ·dZ and dU = h₋₁ᵀ·dZ contract over all T·B rows. Computed as (dZᵀ·x)ᵀ and (dZᵀ·h₋₁)ᵀ,
    // XNNPACK packs the narrow x and h₋₁ instead of dZ, and multiplies 4U rows instead of F or U: about
    // half the time. dZᵀ also gives db as a sum along rows, which WASM does without a transpose.
    const dZT = tf.transpose(dZ);
    const hBefore = tf.concat([tf.zeros([batch, units]), ...hsBeforeLast], 0);
    const dW = tf.transpose(tf.matMul(dZT, xTime));
    const dU = tf.transpose(tf.matMul(dZT, hBefore));
    return [dX, dW, dU, tf.sum(dZT, 1)];
  });
}
