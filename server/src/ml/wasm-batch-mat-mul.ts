/**
 * TF.js 4.22's WASM BatchMatMul hands a product to XNNPACK only when neither operand is transposed; with
 * `transposeA`/`transposeB` (every matmul gradient: dA = dC·Bᵀ, dB = Aᵀ·dC) it runs a scalar loop at
 * ~0.9 GFLOP/s, which took 38 % of a training step. This kernel transposes the operand first (a copy of a
 * few KB) and lets the stock kernel multiply on XNNPACK. A transposed B, in practice a weight used at
 * every LSTM time step, is kept until its source tensor is disposed. Registered by `backend.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { overrideWasmKernel, type KernelArgs, type WasmBackendLike } from './wasm-kernel-override.js';

interface CachedTranspose {
  source: tf.DataId;
  shapeKey: string;
  transposed: tf.TensorInfo;
}

// A handful is enough: a training step multiplies by each weight's transpose many times in a row.
const CACHE_SIZE = 4;
const cache: CachedTranspose[] = [];

function transposeLastTwo(x: tf.TensorInfo, backend: WasmBackendLike): tf.TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
  const transpose = tf.getKernel('Transpose', 'wasm')!.kernelFunc;
  return transpose({ inputs: { x }, backend: backend as never, attrs: { perm } }) as tf.TensorInfo;
}

/** Bᵀ from the cache, or made and cached; entries whose source was disposed are freed first. */
function cachedTranspose(b: tf.TensorInfo, backend: WasmBackendLike): tf.TensorInfo {
  for (let i = cache.length - 1; i >= 0; i--) {
    if (!backend.dataIdMap.has(cache[i]!.source)) {
      backend.disposeData(cache[i]!.transposed.dataId);
      cache.splice(i, 1);
    }
  }
  const shapeKey = b.shape.join(',');
  const hit = cache.find((entry) => entry.source === b.dataId && entry.shapeKey === shapeKey);
  if (hit) return hit.transposed;
  if (cache.length === CACHE_SIZE) backend.disposeData(cache.shift()!.transposed.dataId);
  const transposed = transposeLastTwo(b, backend);
  cache.push({ source: b.dataId, shapeKey, transposed });
  return transposed;
}

function makeBatchMatMul(stock: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    const batched = (x: tf.TensorInfo) => tf.util.sizeFromShape(x.shape.slice(0, -2)) > 1;
    // XNNPACK multiplies only unbatched products; batched ones take the scalar loop either way.
    if ((!transposeA && !transposeB) || batched(a) || batched(b)) return stock(args);
    const backend = args.backend as unknown as WasmBackendLike;
    const aPlain = transposeA ? transposeLastTwo(a, backend) : a;
    const bPlain = transposeB ? cachedTranspose(b, backend) : b;
    try {
      return stock({
        ...args,
        inputs: { a: aPlain, b: bPlain },
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
    } finally {
      if (transposeA) backend.disposeData(aPlain.dataId);
    }
  };
}

/** Replaces the WASM BatchMatMul (see the file comment); a no-op when already done. */
export function registerWasmBatchMatMul(): void {
  overrideWasmKernel('BatchMatMul', makeBatchMatMul);
}
