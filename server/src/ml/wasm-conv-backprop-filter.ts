/**
 * The WASM backend of TF.js 4.22 has no `Conv2DBackpropFilter` kernel (Conv1D's weight gradient), so
 * training a Conv1D on it fails. This registers one for `wasm`: a direct loop over the channels-last
 * tensors it reads from the WASM heap. The filter is tiny (kernel × 1 × filters), so this costs little
 * next to the LSTM, and the model stays exactly the same function. Called by `backend.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import type { WasmBackendLike } from './wasm-kernel-override.js';

/** Computes dW[r, c, i, o] = Σ_b,y,x x[b, y·sh + r − top, x·sw + c − left, i] · dy[b, y, x, o]. */
function conv2DBackpropFilter({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (info.dataFormat !== 'channelsLast') throw new Error('Conv2DBackpropFilter (wasm bridge): only NHWC');
  const wasm = backend as unknown as WasmBackendLike;
  const xv = wasm.readSync(x.dataId) as Float32Array;
  const dyv = wasm.readSync(dy.dataId) as Float32Array;
  const { inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, batchSize } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight, filterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dw = new Float32Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let y = 0; y < outHeight; y++) {
      for (let xo = 0; xo < outWidth; xo++) {
        const dyBase = ((b * outHeight + y) * outWidth + xo) * outChannels;
        for (let r = 0; r < filterHeight; r++) {
          const xr = y * sh + r - top;
          if (xr < 0 || xr >= inHeight) continue;
          for (let c = 0; c < filterWidth; c++) {
            const xc = xo * sw + c - left;
            if (xc < 0 || xc >= inWidth) continue;
            const xBase = ((b * inHeight + xr) * inWidth + xc) * inChannels;
            for (let i = 0; i < inChannels; i++) {
              const xval = xv[xBase + i]!;
              if (xval === 0) continue;
              const wBase = ((r * filterWidth + c) * inChannels + i) * outChannels;
              for (let o = 0; o < outChannels; o++) dw[wBase + o]! += xval * dyv[dyBase + o]!;
            }
          }
        }
      }
    }
  }
  const out = wasm.makeOutput(filterShape, 'float32');
  wasm.typedArrayFromHeap(out).set(dw);
  return out;
}

/** Registers the kernel for `wasm` once; a no-op when TF.js already has one. */
export function registerWasmConv2DBackpropFilter(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: conv2DBackpropFilter,
  });
}
