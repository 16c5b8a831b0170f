/**
 * Zero-copy Identity and same-dtype Cast for TF.js's WASM backend. The stock kernels copy the buffer
 * (~420 copies per training step, mostly from layers and the optimiser passing tensors through); TF.js
 * tensors are immutable, so the output can share the input's data with its reference count raised, as
 * the WASM Reshape kernel and the `cpu` backend's Identity already do. A cast to bool is computed as
 * x ≠ 0: the stock kernel copied bytes (-2.2 became 254). Registered by `backend.ts`.
 */
import type * as tf from '@tensorflow/tfjs';
import { overrideWasmKernel, type KernelArgs, type WasmBackendLike } from './wasm-kernel-override.js';

function shareData(x: tf.TensorInfo, backend: WasmBackendLike): tf.TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

function castToBool(x: tf.TensorInfo, backend: WasmBackendLike): tf.TensorInfo {
  const out = backend.makeOutput([...x.shape], 'bool');
  // Views after allocating: allocation may grow the heap and detach earlier views.
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  for (let i = 0; i < from.length; i++) to[i] = from[i] !== 0 ? 1 : 0;
  return out;
}

function makeIdentity(stock: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    // Strings live in JS, not on the heap: the stock kernel handles them.
    if (x.dtype === 'string') return stock(args);
    return shareData(x, args.backend as unknown as WasmBackendLike);
  };
}

function makeCast(stock: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { dtype } = args.attrs as unknown as tf.CastAttrs;
    const backend = args.backend as unknown as WasmBackendLike;
    if (dtype === 'bool' && x.dtype !== 'bool' && x.dtype !== 'string') return castToBool(x, backend);
    if (dtype !== x.dtype || x.dtype === 'string') return stock(args);
    return shareData(x, backend);
  };
}

/** Replaces the WASM Identity and Cast kernels (see the file comment); a no-op when already done. */
export function registerWasmIdentityCast(): void {
  overrideWasmKernel('Identity', makeIdentity);
  overrideWasmKernel('Cast', makeCast);
}
