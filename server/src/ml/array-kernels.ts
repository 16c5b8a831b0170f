/**
 * Our own TF.js kernels written as loops over float32 arrays, registered for the WASM backend (reading
 * and writing its heap in place) and the cpu backend (its JS arrays). Used by the fused LSTM's gate
 * kernels and the fused Adam update; backends without them (tfjs-node) keep TF.js's own ops.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelArgs, WasmBackendLike } from './wasm-kernel-override.js';

/** Input arrays by name; an optional input that was left out is undefined. */
export type ArrayViews = Record<string, Float32Array | undefined>;

/** A kernel over float32 arrays: the shapes of its outputs, and the loop that fills them. */
export interface ArrayKernel<Attrs> {
  name: string;
  outputShapes(inputs: Record<string, tf.TensorInfo | undefined>, attrs: Attrs): number[][];
  run(inputs: ArrayViews, outputs: Float32Array[], attrs: Attrs): void;
}

interface CpuBackendLike {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

function wasmKernelFunc<Attrs>(kernel: ArrayKernel<Attrs>): tf.KernelFunc {
  return ({ inputs, backend, attrs }: KernelArgs) => {
    const wasm = backend as unknown as WasmBackendLike;
    const typedAttrs = attrs as unknown as Attrs;
    const shapes = kernel.outputShapes(inputs, typedAttrs);
    const outputs = shapes.map((shape) => wasm.makeOutput(shape, 'float32'));
    // Views only after every allocation: growing the heap detaches views taken before.
    const views: ArrayViews = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info) views[name] = wasm.typedArrayFromHeap(info) as Float32Array;
    }
    const outViews = outputs.map((out) => wasm.typedArrayFromHeap(out) as Float32Array);
    kernel.run(views, outViews, typedAttrs);
    return outputs;
  };
}

function cpuKernelFunc<Attrs>(kernel: ArrayKernel<Attrs>): tf.KernelFunc {
  return ({ inputs, backend, attrs }: KernelArgs) => {
    const cpu = backend as unknown as CpuBackendLike;
    const typedAttrs = attrs as unknown as Attrs;
    const views: ArrayViews = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info) views[name] = cpu.readSync(info.dataId) as Float32Array;
    }
    const shapes = kernel.outputShapes(inputs, typedAttrs);
    const arrays = shapes.map((shape) => new Float32Array(tf.util.sizeFromShape(shape)));
    kernel.run(views, arrays, typedAttrs);
    return arrays.map((values, i) => cpu.makeTensorInfo(shapes[i]!, 'float32', values));
  };
}

const BACKENDS = ['wasm', 'cpu'] as const;

/**
 * Registers `kernel` for wasm and cpu (idempotent).
 * @param wasmKernel a WASM kernel function to use instead of the array loop (e.g. one that calls WASM's
 *   own vectorised kernels for part of the work).
 */
export function registerArrayKernel<Attrs>(kernel: ArrayKernel<Attrs>, wasmKernel?: tf.KernelFunc): void {
  const funcs = { wasm: wasmKernel ?? wasmKernelFunc(kernel), cpu: cpuKernelFunc(kernel) };
  for (const backendName of BACKENDS) {
    if (!tf.getKernel(kernel.name, backendName))
      tf.registerKernel({ kernelName: kernel.name, backendName, kernelFunc: funcs[backendName] });
  }
}

/** Unregisters a kernel from wasm and cpu, so its callers fall back to TF.js's ops (tests compare). */
export function unregisterArrayKernel(name: string): void {
  for (const backendName of BACKENDS) {
    if (tf.getKernel(name, backendName)) tf.unregisterKernel(name, backendName);
  }
}

/** Runs a registered kernel through the engine; optional inputs that are undefined are left out. */
export function runArrayKernel(
  name: string,
  inputs: Record<string, tf.Tensor | undefined>,
  attrs: object,
): tf.Tensor[] {
  const present: tf.NamedTensorMap = {};
  for (const [key, tensor] of Object.entries(inputs)) if (tensor) present[key] = tensor;
  return tf.engine().runKernel(name, present, attrs as tf.NamedAttrMap) as unknown as tf.Tensor[];
}

/** Whether the active backend has every kernel named. */
export function backendHasKernels(...names: string[]): boolean {
  const backend = tf.getBackend();
  return names.every((name) => !!tf.getKernel(name, backend));
}
