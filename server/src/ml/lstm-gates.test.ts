import { describe, expect, it } from '@jest/globals';
import seedrandom from 'seedrandom';
import {
  cellFromSigmoids,
  gatesBackward,
  outputFromSigmoid,
  preActivations,
  type GateDims,
  type GatesForwardInputs,
} from './lstm-gates.js';
import { maxAbsDiff } from './test-compare.js';

const B = 3;
const U = 4;
const T = 2;
const random = seedrandom('gates');
const values = (n: number) => Float32Array.from({ length: n }, () => random() * 4 - 2);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The forward passes as the sequence kernel runs them, with the sigmoid in JS. */
function gatesForward(dims: GateDims, input: GatesForwardInputs, h: Float32Array, state: Float32Array) {
  const z = new Float32Array(dims.batch * 4 * dims.units);
  preActivations(dims, input, z);
  const twoC = new Float32Array(dims.batch * dims.units);
  cellFromSigmoids(dims, z.map(sigmoid), input.prev, { state, twoC });
  outputFromSigmoid(dims, twoC.map(sigmoid), state, h);
}

/** The LSTM cell step written out unit by unit in float64, from TF.js's LSTMCell.call. */
function referenceStep(z: number[], cPrev: number) {
  const [i, f, o] = [sigmoid(z[0]!), sigmoid(z[1]!), sigmoid(z[3]!)];
  const g = Math.tanh(z[2]!);
  const c = f * cPrev + i * g;
  return { i, f, g, o, c, h: o * Math.tanh(c) };
}

describe('preActivations, cellFromSigmoids, outputFromSigmoid', () => {
  it('should compute the LSTM cell of every unit when the step has a previous state', () => {
    const xw = values(T * B * 4 * U);
    const hu = values(B * 4 * U);
    const prev = values(B * 6 * U);
    const h = new Float32Array(B * U);
    const state = new Float32Array(B * 6 * U);
    gatesForward({ batch: B, units: U, step: 1 }, { xw, hu, prev }, h, state);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < U; j++) {
        const z = [0, 1, 2, 3].map((k) => xw[(B + b) * 4 * U + k * U + j]! + hu[b * 4 * U + k * U + j]!);
        const want = referenceStep(z, prev[b * 6 * U + 5 * U + j]!);
        const got = [0, 1, 2, 3, 4, 5].map((k) => state[b * 6 * U + k * U + j]!);
        const expected = [want.i, want.f, want.g, want.o, Math.tanh(want.c), want.c];
        expect(maxAbsDiff(got, expected)).toBeLessThan(1e-6);
        expect(h[b * U + j]).toBeCloseTo(want.h, 6);
      }
    }
  });

  it('should start from a zero state when the step has no previous one', () => {
    const xw = values(B * 4 * U);
    const [h, state] = [new Float32Array(B * U), new Float32Array(B * 6 * U)];
    gatesForward({ batch: B, units: U, step: 0 }, { xw }, h, state);
    const z = [0, 1, 2, 3].map((k) => xw[k * U]!);
    expect(h[0]).toBeCloseTo(referenceStep(z, 0).h, 6);
  });
});

describe('gatesBackward', () => {
  /** dL/dz and dL/dc_prev by central differences of L = Σ dh·h' + Σ dc·c' through referenceStep. */
  function numeric(z: number[], cPrev: number, dH: number, dC: number) {
    const loss = (zz: number[], cp: number) => {
      const s = referenceStep(zz, cp);
      return dH * s.h + dC * s.c;
    };
    const eps = 1e-6;
    const dz = z.map((_, k) => {
      const [up, down] = [[...z], [...z]];
      up[k]! += eps;
      down[k]! -= eps;
      return (loss(up, cPrev) - loss(down, cPrev)) / (2 * eps);
    });
    return { dz, dcPrev: (loss(z, cPrev + eps) - loss(z, cPrev - eps)) / (2 * eps) };
  }

  it.each([false, true])('should match numeric gradients when dy holds every step: %s', (dyAllSteps) => {
    const xw = values(T * B * 4 * U);
    const prev = new Float32Array(B * 6 * U);
    gatesForward({ batch: B, units: U, step: 0 }, { xw }, new Float32Array(B * U), prev);
    const hu = values(B * 4 * U);
    const state = new Float32Array(B * 6 * U);
    gatesForward({ batch: B, units: U, step: 1 }, { xw, hu, prev }, new Float32Array(B * U), state);
    const [dh, dc] = [values(B * U), values(B * U)];
    const dy = values((dyAllSteps ? T : 1) * B * U);
    const [dz, dcPrev] = [new Float32Array(B * 4 * U), new Float32Array(B * U)];
    gatesBackward({ batch: B, units: U, step: 1 }, { state, prev, dh, dc, dy, dyAllSteps }, dz, dcPrev);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < U; j++) {
        const k = b * U + j;
        const z = [0, 1, 2, 3].map((g) => xw[(B + b) * 4 * U + g * U + j]! + hu[b * 4 * U + g * U + j]!);
        const dH = dh[k]! + dy[(dyAllSteps ? B * U : 0) + k]!;
        const want = numeric(z, prev[b * 6 * U + 5 * U + j]!, dH, dc[k]!);
        const got = [0, 1, 2, 3].map((g) => dz[b * 4 * U + g * U + j]!);
        expect(maxAbsDiff(got, want.dz)).toBeLessThan(1e-5);
        expect(dcPrev[k]).toBeCloseTo(want.dcPrev, 5);
      }
    }
  });
});
