import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend.js';
import { registerWasmIdentityCast } from './wasm-identity-cast.js';

describe('registerWasmIdentityCast', () => {
  beforeAll(async () => {
    await initBackend('wasm');
    registerWasmIdentityCast();
  });

  it('should share the buffer and keep it alive when the source of a clone is disposed', () => {
    const source = tf.tensor2d([1.5, -2, 3, 4], [2, 2]);
    const clone = tf.clone(source);
    const cast = source.cast('float32');
    expect(clone.dataId).toBe(source.dataId);
    expect(cast.dataId).toBe(source.dataId);
    source.dispose();
    expect(Array.from(clone.dataSync())).toEqual([1.5, -2, 3, 4]);
    clone.dispose();
    expect(Array.from(cast.dataSync())).toEqual([1.5, -2, 3, 4]);
    expect(cast.shape).toEqual([2, 2]);
    cast.dispose();
  });

  it('should free the buffer when the last tensor sharing it is disposed', () => {
    const backend = tf.backend();
    const before = backend.numDataIds();
    for (let i = 0; i < 20; i++) {
      const t = tf.tensor1d([i, i + 1]);
      const shared = [tf.clone(t), t.cast('float32'), tf.tidy(() => tf.clone(tf.clone(t)))];
      t.dispose();
      tf.dispose(shared);
    }
    expect(backend.numDataIds()).toBe(before);
  });

  it('should still convert when the cast changes the dtype, to bool as x ≠ 0', () => {
    // TF.js's stock WASM Cast wrote -2.2 → bool as 254 (a byte copy); ours compares with 0.
    const floats = tf.tensor1d([1.7, -2.2, 0]);
    const ints = floats.cast('int32');
    const bools = floats.cast('bool');
    expect(ints.dataId).not.toBe(floats.dataId);
    expect(ints.dtype).toBe('int32');
    expect(Array.from(ints.dataSync())).toEqual([1, -2, 0]);
    expect(Array.from(bools.dataSync())).toEqual([1, 1, 0]);
    expect(Array.from(ints.cast('float32').dataSync())).toEqual([1, -2, 0]);
    tf.dispose([floats, ints, bools]);
  });

  it('should keep a variable’s old value in a clone when the variable is assigned', () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    const snapshot = tf.clone(v);
    v.assign(tf.tensor1d([3, 4]));
    expect(Array.from(snapshot.dataSync())).toEqual([1, 2]);
    expect(Array.from(v.dataSync())).toEqual([3, 4]);
    tf.dispose([v, snapshot]);
  });
});
