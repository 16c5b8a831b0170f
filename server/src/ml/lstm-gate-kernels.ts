/**
 * Registers the fused LSTM's two element-wise kernels (`lstm-gates.ts`) for the WASM and cpu backends:
 * one forward and one backward pass over a whole time step. On WASM they read and write the heap in
 * place and the forward step's sigmoids run in the backend's vectorised Sigmoid kernel (in JS they
 * cost ~100 ns a unit, half the step); on cpu they use the backend's arrays. Backends without them (tfjs-node) keep TF.js's own LSTM
 * (`fused-lstm-layer.ts` checks `hasLstmGateKernels`). Registered by `backend.ts`.
 */
import * as tf from '@tensorflow/tfjs';
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

type Views = Record<string, Float32Array | undefined>;

/** An element-wise kernel over float32 arrays: the output shapes, and the loop that fills them. */
interface ArrayKernel {
  name: string;
  outputShapes(attrs: LstmGateAttrs): number[][];
  run(inputs: Views, outputs: Float32Array[], attrs: LstmGateAttrs): void;
}

const KERNELS: ArrayKernel[] = [
  {
    name: LSTM_GATES_FORWARD,
    outputShapes: ({ batch, units }) => [
      [batch, units],
      [batch, 6 * units],
    ],
    run: ({ xw, hu, prev }, [h, state], attrs) => gatesForward(attrs, { xw: xw!, hu, prev }, h!, state!),
  },
  {
    name: LSTM_GATES_BACKWARD,
    outputShapes: ({ batch, units }) => [
      [batch, 4 * units],
      [batch, units],
    ],
    run: ({ state, prev, dh, dc, dy }, [dz, dcPrev], attrs) =>
      gatesBackward(attrs, { state: state!, prev, dh, dc, dy, dyAllSteps: !!attrs.dyAllSteps }, dz!, dcPrev!),
  },
];

interface CpuBackendLike {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

function wasmKernelFunc(kernel: ArrayKernel): tf.KernelFunc {
  return ({ inputs, backend, attrs }: KernelArgs) => {
    const wasm = backend as unknown as WasmBackendLike;
    const gateAttrs = attrs as unknown as LstmGateAttrs;
    const outputs = kernel.outputShapes(gateAttrs).map((shape) => wasm.makeOutput(shape, 'float32'));
    // Views only after every allocation: growing the heap detaches views taken before.
    const views: Views = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info) views[name] = wasm.typedArrayFromHeap(info) as Float32Array;
    }
    const outViews = outputs.map((out) => wasm.typedArrayFromHeap(out) as Float32Array);
    kernel.run(views, outViews, gateAttrs);
    return outputs;
  };
}

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

function cpuKernelFunc(kernel: ArrayKernel): tf.KernelFunc {
  return ({ inputs, backend, attrs }: KernelArgs) => {
    const cpu = backend as unknown as CpuBackendLike;
    const gateAttrs = attrs as unknown as LstmGateAttrs;
    const views: Views = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info) views[name] = cpu.readSync(info.dataId) as Float32Array;
    }
    const shapes = kernel.outputShapes(gateAttrs);
    const arrays = shapes.map((shape) => new Float32Array(tf.util.sizeFromShape(shape)));
    kernel.run(views, arrays, gateAttrs);
    return arrays.map((values, i) => cpu.makeTensorInfo(shapes[i]!, 'float32', values));
  };
}

/** Registers both kernels for `wasm` and `cpu`; idempotent. */
export function registerLstmGateKernels(): void {
  for (const kernel of KERNELS) {
    const wasm = kernel.name === LSTM_GATES_FORWARD ? wasmGatesForward : wasmKernelFunc(kernel);
    for (const [backendName, kernelFunc] of [
      ['wasm', wasm],
      ['cpu', cpuKernelFunc(kernel)],
    ] as const) {
      if (!tf.getKernel(kernel.name, backendName))
        tf.registerKernel({ kernelName: kernel.name, backendName, kernelFunc });
    }
  }
}

/** Unregisters both kernels: the fused LSTM layer then runs TF.js's own (tests compare the two). */
export function unregisterLstmGateKernels(): void {
  for (const kernel of KERNELS) {
    for (const backendName of ['wasm', 'cpu']) {
      if (tf.getKernel(kernel.name, backendName)) tf.unregisterKernel(kernel.name, backendName);
    }
  }
}

/** Whether the active backend runs the fused LSTM's kernels. */
export function hasLstmGateKernels(): boolean {
  const backend = tf.getBackend();
  return !!tf.getKernel(LSTM_GATES_FORWARD, backend) && !!tf.getKernel(LSTM_GATES_BACKWARD, backend);
}
