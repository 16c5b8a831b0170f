/**
 * Replaces a kernel TF.js's WASM backend registers with our own, keeping the stock one to delegate to and
 * to put back: the `wasm-*.ts` kernels use it, `backend.ts` applies them, and tests restore the stock
 * kernels to check that training gives the same weights either way. Also the slice of the WASM backend's
 * interface those kernels use (it is not exported as a type).
 */
import * as tf from '@tensorflow/tfjs';

/** What our WASM kernels use of `BackendWasm` (tfjs-backend-wasm 4.22). */
export interface WasmBackendLike {
  dataIdMap: { has(dataId: tf.DataId): boolean };
  readSync(dataId: unknown): tf.backend_util.BackendValues;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.backend_util.TypedArray;
  incRef(dataId: tf.DataId): void;
  disposeData(dataId: tf.DataId): boolean;
}

/** The arguments every kernel function receives. */
export type KernelArgs = Parameters<tf.KernelFunc>[0];

const stockKernels = new Map<string, tf.KernelConfig>();

/**
 * Registers `makeKernel(stock)` for `wasm` in place of the stock kernel `name`, keeping its setup
 * function (which binds the WASM exports the stock kernel calls). A no-op when already overridden.
 * @throws Error when TF.js has no stock `name` kernel for `wasm` (another TF.js version).
 */
export function overrideWasmKernel(name: string, makeKernel: (stock: tf.KernelFunc) => tf.KernelFunc): void {
  if (stockKernels.has(name)) return;
  const stock = tf.getKernel(name, 'wasm');
  if (!stock) throw new Error(`TF.js has no '${name}' kernel for wasm to replace`);
  stockKernels.set(name, stock);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...stock, kernelFunc: makeKernel(stock.kernelFunc) });
}

/** Puts the stock kernels back (tests compare training with and without ours). */
export function restoreStockWasmKernels(): void {
  for (const [name, stock] of stockKernels) {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(stock);
  }
  stockKernels.clear();
}
