/**
 * The fused LSTM's two element-wise kernels (`lstm-gates.ts`), for the WASM and cpu backends: one
 * forward and one backward pass over a whole time step. On WASM the forward step's sigmoids run in the
 * backend's vectorised Sigmoid kernel (in JS they cost ~100 ns a unit, half the step). Backends without
 * them (tfjs-node) keep TF.js's own LSTM (`fused-lstm-layer.ts` checks `hasLstmGateKernels`).
 * Registered by `backend.ts`; run by `fused-lstm.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import {
  backendHasKernels,
  registerArrayKernel,
  unregisterArrayKernel,
  type ArrayKernel,
} from './array-kernels.js';
import {
  cellFromSigmoids,
  gatesBackward,
  gatesForward,
  outputFromSigmoid,
  preActivations,
  type GateDims,
} from './lstm-gates.js';
import type { KernelArgs, WasmBackendLike } from './wasm-kernel-override.js';

/** Kernel names (global in TF.js's registry, hence the prefix). */
export const LSTM_GATES_FORWARD = 'SalesForecastLstmGatesForward';
export const LSTM_GATES_BACKWARD = 'SalesForecastLstmGatesBackward';

/** Attributes of both kernels. */
export interface LstmGateAttrs extends GateDims {
  /** Backward only: dy holds every step, time-major (a layer that returns sequences). */
  dyAllSteps?: boolean;
}

const FORWARD: ArrayKernel<LstmGateAttrs> = {
  name: LSTM_GATES_FORWARD,
  outputShapes: (_, { batch, units }) => [
    [batch, units],
    [batch, 6 * units],
  ],
  run: ({ xw, hu, prev }, [h, state], attrs) => gatesForward(attrs, { xw: xw!, hu, prev }, h!, state!),
};

const BACKWARD: ArrayKernel<LstmGateAttrs> = {
  name: LSTM_GATES_BACKWARD,
  outputShapes: (_, { batch, units }) => [
    [batch, 4 * units],
    [batch, units],
  ],
  run: ({ state, prev, dh, dc, dy }, [dz, dcPrev], attrs) =>
    gatesBackward(attrs, { state: state!, prev, dh, dc, dy, dyAllSteps: !!attrs.dyAllSteps }, dz!, dcPrev!),
};

/** The WASM forward step: the passes of `lstm-gates.ts` around two calls of WASM's own Sigmoid kernel. */
function wasmGatesForward({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const wasm = backend as unknown as WasmBackendLike;
  const dims = attrs as unknown as LstmGateAttrs;
  const { batch, units } = dims;
  const sigmoid = (x: tf.TensorInfo) =>
    tf.getKernel('Sigmoid', 'wasm')!.kernelFunc({ inputs: { x }, backend, attrs: {} }) as tf.TensorInfo;
  const { xw, hu, prev } = inputs as Record<string, tf.TensorInfo | undefined>;
  // Every allocation may grow the heap and detach earlier views: views are taken after each one.
  const view = (info: tf.TensorInfo | undefined) => info && (wasm.typedArrayFromHeap(info) as Float32Array);
  const h = wasm.makeOutput([batch, units], 'float32');
  const state = wasm.makeOutput([batch, 6 * units], 'float32');
  const z = wasm.makeOutput([batch, 4 * units], 'float32');
  const twoC = wasm.makeOutput([batch, units], 'float32');
  preActivations(dims, { xw: view(xw)!, hu: view(hu) }, view(z)!);
  const sigZ = sigmoid(z);
  cellFromSigmoids(dims, view(sigZ)!, view(prev), { state: view(state)!, twoC: view(twoC)! });
  const sigTwoC = sigmoid(twoC);
  outputFromSigmoid(dims, view(sigTwoC)!, view(state)!, view(h)!);
  for (const temp of [z, twoC, sigZ, sigTwoC]) wasm.disposeData(temp.dataId);
  return [h, state];
}

/** Registers both kernels for `wasm` and `cpu`; idempotent. */
export function registerLstmGateKernels(): void {
  registerArrayKernel(FORWARD, wasmGatesForward);
  registerArrayKernel(BACKWARD);
}

/** Unregisters both kernels: the fused LSTM layer then runs TF.js's own (tests compare the two). */
export function unregisterLstmGateKernels(): void {
  unregisterArrayKernel(LSTM_GATES_FORWARD);
  unregisterArrayKernel(LSTM_GATES_BACKWARD);
}

/** Whether the active backend runs the fused LSTM's kernels. */
export function hasLstmGateKernels(): boolean {
  return backendHasKernels(LSTM_GATES_FORWARD, LSTM_GATES_BACKWARD);
}
