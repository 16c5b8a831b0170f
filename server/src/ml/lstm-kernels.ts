/**
 * The fused LSTM's two sequence kernels, for the WASM and cpu backends (`backend-kernels.ts`): the
 * forward pass over all time steps, and the backward pass through time down to dZ, the gradient of the
 * gates' pre-activations. Each step's recurrent matmul and sigmoids run in the backend's own kernels
 * (XNNPACK on WASM), called directly, and its gate math in `lstm-gates.ts`: two engine ops per batch
 * instead of ~50. Backends without them (tfjs-node) keep TF.js's own LSTM (`hasLstmKernels`).
 * Registered by `backend.ts`; run by `fused-lstm.ts`.
 */
import type * as tf from '@tensorflow/tfjs';
import {
  backendHasKernels,
  registerBackendKernel,
  unregisterBackendKernel,
  type BackendArrays,
  type BackendKernel,
} from './backend-kernels.js';
import { cellFromSigmoids, gatesBackward, outputFromSigmoid, preActivations } from './lstm-gates.js';

/** Kernel names (global in TF.js's registry, hence the prefix). */
export const LSTM_FORWARD = 'SalesForecastLstmForward';
export const LSTM_BACKWARD = 'SalesForecastLstmBackward';

/** Sizes of the sequence (B batch, T steps, U units). */
export interface LstmAttrs {
  batch: number;
  steps: number;
  units: number;
  /** The forward pass outputs every step's h (and the backward pass takes dy for every step). */
  returnSequences: boolean;
}

/** Rows [from, to) of a [rows, width] tensor's data. */
const rows = (io: BackendArrays, info: tf.TensorInfo, width: number, from: number, to: number) =>
  io.view(info).subarray(from * width, to * width);

/**
 * Inputs: xw = x·W + b, time-major [T·B, 4U]; u, the recurrent kernel [U, 4U]. Outputs: h (the last
 * step's [B, U], or every step's, time-major [T·B, U]); states [T·B, 6U] (`lstm-gates.ts`); hBefore
 * [T·B, U], each step's h₋₁ (zeros at step 0), for the backward pass.
 */
const FORWARD: BackendKernel<LstmAttrs> = {
  name: LSTM_FORWARD,
  run: (io, { xw, u }, { batch: B, steps: T, units: U, returnSequences }) => {
    const states = io.alloc([T * B, 6 * U]);
    const hBefore = io.alloc([T * B, U]);
    const output = io.alloc(returnSequences ? [T * B, U] : [B, U]);
    let h: tf.TensorInfo | undefined;
    for (let step = 0; step < T; step++) {
      const dims = { batch: B, units: U, step };
      // Views are taken after each allocation: on WASM a growing heap detaches earlier ones.
      const hu = h && io.run('BatchMatMul', { a: h, b: u! }, { transposeA: false, transposeB: false });
      const z = io.alloc([B, 4 * U]);
      preActivations(dims, { xw: io.view(xw!), hu: hu && io.view(hu) }, io.view(z));
      const sigZ = io.run('Sigmoid', { x: z });
      const twoC = io.alloc([B, U]);
      const prev = step > 0 ? rows(io, states, 6 * U, (step - 1) * B, step * B) : undefined;
      const state = rows(io, states, 6 * U, step * B, (step + 1) * B);
      cellFromSigmoids(dims, io.view(sigZ), prev, { state, twoC: io.view(twoC) });
      const sigTwoC = io.run('Sigmoid', { x: twoC });
      const hNext = io.alloc([B, U]);
      outputFromSigmoid(
        dims,
        io.view(sigTwoC),
        rows(io, states, 6 * U, step * B, (step + 1) * B),
        io.view(hNext),
      );
      if (step + 1 < T) io.view(hBefore).set(io.view(hNext), (step + 1) * B * U);
      if (returnSequences) io.view(output).set(io.view(hNext), step * B * U);
      for (const temp of [h, hu, z, sigZ, twoC, sigTwoC]) if (temp) io.free(temp);
      h = hNext;
    }
    if (!returnSequences) io.view(output).set(io.view(h!));
    io.free(h!);
    io.view(hBefore).fill(0, 0, B * U);
    return [output, states, hBefore];
  },
};

/**
 * Inputs: states from the forward pass; u; dy, the gradient of its h output ([B, U] or time-major
 * [T·B, U]). Output: dZ [T·B, 4U], time-major. dh flows back through each step's dz·Uᵀ (a backend
 * matmul; on WASM ours keeps Uᵀ for all steps), dc in a JS array.
 */
const BACKWARD: BackendKernel<LstmAttrs> = {
  name: LSTM_BACKWARD,
  run: (io, { states, u, dy }, { batch: B, steps: T, units: U, returnSequences }) => {
    const dZ = io.alloc([T * B, 4 * U]);
    let [dc, dcPrev] = [new Float32Array(B * U), new Float32Array(B * U)];
    let dh: tf.TensorInfo | undefined;
    for (let step = T - 1; step >= 0; step--) {
      const dz = io.alloc([B, 4 * U]);
      const input = {
        state: rows(io, states!, 6 * U, step * B, (step + 1) * B),
        prev: step > 0 ? rows(io, states!, 6 * U, (step - 1) * B, step * B) : undefined,
        dh: dh && io.view(dh),
        dc: step < T - 1 ? dc : undefined,
        dy: returnSequences || step === T - 1 ? io.view(dy!) : undefined,
        dyAllSteps: returnSequences,
      };
      gatesBackward({ batch: B, units: U, step }, input, io.view(dz), dcPrev);
      [dc, dcPrev] = [dcPrev, dc];
      io.view(dZ).set(io.view(dz), step * B * 4 * U);
      if (dh) io.free(dh);
      dh =
        step > 0
          ? io.run('BatchMatMul', { a: dz, b: u! }, { transposeA: false, transposeB: true })
          : undefined;
      io.free(dz);
    }
    return [dZ];
  },
};

/** Registers both kernels for `wasm` and `cpu`; idempotent. */
export function registerLstmKernels(): void {
  registerBackendKernel(FORWARD);
  registerBackendKernel(BACKWARD);
}

/** Unregisters both kernels: the fused LSTM layer then runs TF.js's own (tests compare the two). */
export function unregisterLstmKernels(): void {
  unregisterBackendKernel(LSTM_FORWARD);
  unregisterBackendKernel(LSTM_BACKWARD);
}

/** Whether the active backend runs the fused LSTM's kernels. */
export function hasLstmKernels(): boolean {
  return backendHasKernels(LSTM_FORWARD, LSTM_BACKWARD);
}
