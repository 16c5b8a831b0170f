// Jest's node environment runs each test file in its own realm, with its own Float32Array & co. Native
// addons (onnxruntime-node) hand back typed arrays of the outer realm, which then fail the `instanceof`
// checks of code loaded in the test realm ("A float32 tensor's data must be type of Float32Array"). Give
// the test realm the outer realm's typed arrays, as a plain `node` process has (one realm).
import { TestEnvironment } from 'jest-environment-node';

const TYPED_ARRAYS = [
  'ArrayBuffer',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

export default class NativeTypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}
