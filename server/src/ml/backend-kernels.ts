/**
 * Our own TF.js kernels for the WASM and cpu backends, written once against `BackendArrays`: float32
 * buffers (WASM: its heap, in place; cpu: its JS arrays) and the backend's own kernels called directly,
 * without the engine's per-op bookkeeping. Used by the fused LSTM's sequence kernels and the fused Adam
 * update; backends without them (tfjs-node) keep TF.js's ops.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelArgs, WasmBackendLike } from './wasm-kernel-override.js';

/** What our kernels use of a backend. */
export interface BackendArrays {
  /** A new float32 tensor; its data is not zeroed. On WASM this may grow the heap and detach views. */
  alloc(shape: number[]): tf.TensorInfo;
  /** The tensor's data, writable; on WASM valid only until the next `alloc` or `run`. */
  view(info: tf.TensorInfo): Float32Array;
  /** Runs a kernel registered for this backend (TF.js's or ours) directly. */
  run(kernel: string, inputs: Record<string, tf.TensorInfo>, attrs?: object): tf.TensorInfo;
  /** Releases a tensor made by `alloc` or `run`. */
  free(info: tf.TensorInfo): void;
}

/** A kernel of ours: what it computes from its inputs, for any backend. */
export interface BackendKernel<Attrs> {
  name: string;
  run(io: BackendArrays, inputs: Record<string, tf.TensorInfo | undefined>, attrs: Attrs): tf.TensorInfo[];
}

interface CpuBackendLike {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
  disposeData(dataId: tf.DataId): boolean;
}

const BACKENDS = ['wasm', 'cpu'] as const;
type OurBackend = (typeof BACKENDS)[number];

function backendArrays(backend: tf.KernelBackend, name: OurBackend): BackendArrays {
  const run = (kernel: string, inputs: Record<string, tf.TensorInfo>, attrs: object = {}) =>
    tf
      .getKernel(kernel, name)!
      .kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
  if (name === 'wasm') {
    const wasm = backend as unknown as WasmBackendLike;
    return {
      alloc: (shape) => wasm.makeOutput(shape, 'float32'),
      view: (info) => wasm.typedArrayFromHeap(info) as Float32Array,
      run,
      free: (info) => void wasm.disposeData(info.dataId),
    };
  }
  const cpu = backend as unknown as CpuBackendLike;
  return {
    // The cpu backend keeps the array it is given, so writes to it after alloc are the tensor's data.
    alloc: (shape) => cpu.makeTensorInfo(shape, 'float32', new Float32Array(tf.util.sizeFromShape(shape))),
    view: (info) => cpu.readSync(info.dataId) as Float32Array,
    run,
    free: (info) => void cpu.disposeData(info.dataId),
  };
}

/** Registers `kernel` for wasm and cpu (idempotent). */
export function registerBackendKernel<Attrs>(kernel: BackendKernel<Attrs>): void {
  for (const backendName of BACKENDS) {
    if (tf.getKernel(kernel.name, backendName)) continue;
    const kernelFunc = ({ inputs, backend, attrs }: KernelArgs) =>
      kernel.run(backendArrays(backend as tf.KernelBackend, backendName), inputs, attrs as unknown as Attrs);
    tf.registerKernel({ kernelName: kernel.name, backendName, kernelFunc });
  }
}

/** Unregisters a kernel from wasm and cpu, so its callers fall back to TF.js's ops (tests compare). */
export function unregisterBackendKernel(name: string): void {
  for (const backendName of BACKENDS) {
    if (tf.getKernel(name, backendName)) tf.unregisterKernel(name, backendName);
  }
}

/** Runs one of our kernels through the engine (one op on the tape, one set of output tensors). */
export function runBackendKernel(name: string, inputs: tf.NamedTensorMap, attrs: object): tf.Tensor[] {
  return tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as unknown as tf.Tensor[];
}

/** Whether the active backend has every kernel named. */
export function backendHasKernels(...names: string[]): boolean {
  const backend = tf.getBackend();
  return names.every((name) => !!tf.getKernel(name, backend));
}
