import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { initBackend } from './backend.js';
import { maxAbsDiff } from './test-compare.js';
import { registerWasmBatchMatMul } from './wasm-batch-mat-mul.js';

const random = seedrandom('matmul');
const randomTensor = (shape: number[]) =>
  tf.tensor(
    Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => random() * 2 - 1),
    shape,
  );

/** A plain triple loop in float64 over [batch, rows, cols] arrays: the expected product. */
function reference(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean): number[] {
  const a3 = (transposeA ? a.transpose([0, 2, 1]) : a).arraySync() as number[][][];
  const b3 = (transposeB ? b.transpose([0, 2, 1]) : b).arraySync() as number[][][];
  const out: number[] = [];
  for (let n = 0; n < Math.max(a3.length, b3.length); n++) {
    const [x, y] = [a3[n % a3.length]!, b3[n % b3.length]!];
    for (let i = 0; i < x.length; i++)
      for (let j = 0; j < y[0]!.length; j++) out.push(x[i]!.reduce((sum, v, k) => sum + v * y[k]![j]!, 0));
  }
  return out;
}

describe('registerWasmBatchMatMul', () => {
  beforeAll(async () => {
    await initBackend('wasm');
    registerWasmBatchMatMul();
  });

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('should multiply like the definition when transposeA=%s and transposeB=%s', (ta, tb) => {
    const a = randomTensor(ta ? [1, 7, 5] : [1, 5, 7]);
    const b = randomTensor(tb ? [1, 3, 7] : [1, 7, 3]);
    const product = tf.matMul(a, b, ta, tb);
    expect(product.shape).toEqual([1, 5, 3]);
    expect(maxAbsDiff(product.dataSync(), reference(a, b, ta, tb))).toBeLessThan(1e-5);
    const twoD = tf.matMul(a.squeeze([0]), b.squeeze([0]), ta, tb);
    expect(twoD.shape).toEqual([5, 3]);
    expect(maxAbsDiff(twoD.dataSync(), product.dataSync())).toBe(0);
    tf.dispose([a, b, product, twoD]);
  });

  it('should multiply batched operands like the definition when they are transposed', () => {
    const a = randomTensor([2, 7, 5]);
    const b = randomTensor([1, 3, 7]);
    const product = tf.matMul(a, b, true, true);
    expect(product.shape).toEqual([2, 5, 3]);
    expect(maxAbsDiff(product.dataSync(), reference(a, b, true, true))).toBeLessThan(1e-5);
    tf.dispose([a, b, product]);
  });

  it('should use a weight’s new values when the variable is assigned between products', () => {
    const x = randomTensor([4, 6]);
    const w = tf.variable(randomTensor([3, 6]));
    const first = tf.matMul(x, w, false, true);
    w.assign(randomTensor([3, 6]));
    const second = tf.matMul(x, w, false, true);
    expect(
      maxAbsDiff(second.dataSync(), reference(x.expandDims(0), w.expandDims(0), false, true)),
    ).toBeLessThan(1e-5);
    expect(Array.from(second.dataSync())).not.toEqual(Array.from(first.dataSync()));
    // The same data seen through another shape is another matrix: it must not hit the cached transpose.
    const y = randomTensor([4, 3]);
    const reshaped = w.reshape([6, 3]);
    const third = tf.matMul(y, reshaped, false, true);
    expect(third.shape).toEqual([4, 6]);
    expect(
      maxAbsDiff(third.dataSync(), reference(y.expandDims(0), reshaped.expandDims(0), false, true)),
    ).toBeLessThan(1e-5);
    tf.dispose([x, w, first, second, y, reshaped, third]);
  });

  it('should free the transposes it keeps when their weights are disposed', () => {
    const x = randomTensor([4, 6]);
    const backend = tf.backend();
    const before = backend.numDataIds();
    for (let i = 0; i < 20; i++) {
      const w = randomTensor([3, 6]);
      tf.tidy(() => tf.matMul(x, w, false, true).dataSync());
      w.dispose();
    }
    // Only the last weight's transpose may remain: it is freed at the next product.
    expect(backend.numDataIds() - before).toBeLessThanOrEqual(1);
    x.dispose();
  });
});
