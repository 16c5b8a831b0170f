/**
 * Adam whose update of a variable is one kernel (`backend-kernels.ts`) instead of TF.js's ~14 ops: with 8
 * variables that was ~100 ops, a sixth of a training step once the LSTM was fused. Same operations, in
 * the same order and float32 rounding, as TF.js's AdamOptimizer (bit-identical weights), whose state
 * (moments, β powers, iterations) it keeps, so it saves, restores and falls back like it: on a backend
 * without the kernel (tfjs-node) it is TF.js's code.
 * Used by `cnn-lstm.model.ts`; the kernel is registered by `backend.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import {
  backendHasKernels,
  registerBackendKernel,
  runBackendKernel,
  unregisterBackendKernel,
  type BackendKernel,
} from './backend-kernels.js';

/** Kernel name (global in TF.js's registry, hence the prefix). */
export const ADAM_UPDATE = 'SalesForecastAdamUpdate';

/** The scalars of one update; 1 − βᵗ as TF.js computes it, in float32. */
interface AdamAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
}

const f32 = Math.fround;

/**
 * The update, op by op as TF.js's AdamOptimizer writes it, each result rounded to float32 as its
 * kernels round it: float64 arithmetic rounded once to float32 gives the float32 result exactly for
 * +, −, ×, ÷ and √, so the weights come out bit for bit the same.
 */
const ADAM: BackendKernel<AdamAttrs> = {
  name: ADAM_UPDATE,
  run: (io, inputs, a) => {
    const outputs = [0, 1, 2].map(() => io.alloc(inputs.value!.shape));
    const [value, m, v, gradient] = [inputs.value!, inputs.m!, inputs.v!, inputs.gradient!].map(io.view);
    const [newValue, newM, newV] = outputs.map(io.view) as [Float32Array, Float32Array, Float32Array];
    const [beta1, beta2, epsilon] = [f32(a.beta1), f32(a.beta2), f32(a.epsilon)];
    const [oneMinusBeta1, oneMinusBeta2] = [f32(1 - a.beta1), f32(1 - a.beta2)];
    const minusRate = f32(-a.learningRate);
    for (let k = 0; k < value!.length; k++) {
      const g = gradient![k]!;
      const mk = f32(f32(m![k]! * beta1) + f32(g * oneMinusBeta1));
      const vk = f32(f32(v![k]! * beta2) + f32(f32(g * g) * oneMinusBeta2));
      const mHat = f32(mk / a.oneMinusAccBeta1);
      const vHat = f32(vk / a.oneMinusAccBeta2);
      const step = f32(f32(mHat / f32(f32(Math.sqrt(vHat)) + epsilon)) * minusRate);
      newM[k] = mk;
      newV[k] = vk;
      newValue[k] = step + value![k]!;
    }
    return outputs;
  },
};

/** Registers the update kernel for wasm and cpu; idempotent. */
export function registerAdamKernel(): void {
  registerBackendKernel(ADAM);
}

/** Unregisters it: FusedAdam then runs TF.js's Adam (tests compare the two). */
export function unregisterAdamKernel(): void {
  unregisterBackendKernel(ADAM_UPDATE);
}

// AdamOptimizer keeps its state in private fields; this subclass updates the same state.
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
}

type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

/** TF.js's AdamOptimizer with a one-kernel update per variable. */
export class FusedAdam extends tf.AdamOptimizer {
  override applyGradients(variableGradients: VariableGradients): void {
    if (!backendHasKernels(ADAM_UPDATE)) return super.applyGradients(variableGradients);
    const state = this as unknown as AdamState;
    const named = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    tf.tidy(() => {
      const attrs: AdamAttrs = {
        learningRate: this.learningRate,
        beta1: this.beta1,
        beta2: this.beta2,
        epsilon: this.epsilon,
        // TF.js computes 1 − βᵗ as a float32 tensor op: the same rounding here.
        oneMinusAccBeta1: Math.fround(1 - state.accBeta1.dataSync()[0]!),
        oneMinusAccBeta2: Math.fround(1 - state.accBeta2.dataSync()[0]!),
      };
      named.forEach(({ name, tensor: gradient }, i) => {
        const value = tf.engine().registeredVariables[name]!;
        state.accumulatedFirstMoment[i] ??= moment(`${name}/m`, value);
        state.accumulatedSecondMoment[i] ??= moment(`${name}/v`, value);
        if (gradient == null) return;
        const m = state.accumulatedFirstMoment[i].variable;
        const v = state.accumulatedSecondMoment[i].variable;
        const [newValue, newM, newV] = runBackendKernel(ADAM_UPDATE, { value, m, v, gradient }, attrs);
        m.assign(newM!);
        v.assign(newV!);
        value.assign(newValue!);
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}

function moment(originalName: string, value: tf.Tensor) {
  return { originalName, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
}

/**
 * Creates the optimizer, like `tf.train.adam(learningRate)` (β₁ 0.9, β₂ 0.999, ε the backend's).
 * @param learningRate step size, > 0.
 */
export function fusedAdam(learningRate: number): FusedAdam {
  return new FusedAdam(learningRate, 0.9, 0.999);
}
