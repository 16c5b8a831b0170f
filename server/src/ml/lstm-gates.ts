/**
 * The element-wise part of one LSTM time step, forward and backward, over plain Float32Arrays: what the
 * fused LSTM's sequence kernels (`lstm-kernels.ts`) run at each step instead of ~30 TF.js ops. Gate
 * order and formulas are Keras's and TF.js's LSTMCell: z = x·W + h·U + b split into i, f, g, o;
 * c' = σ(f)·c + σ(i)·tanh(g); h' = σ(o)·tanh(c'). The forward step runs in passes around two sigmoids,
 * which the kernels run in the backend (vectorised on WASM: in JS they cost ~100 ns a unit, half the
 * step).
 *
 * Layouts (B batch, U units, T steps): the input projection xw is time-major [T·B, 4U]; a step's state
 * is [B, 6U] = i, f, g, o (activated), tanh(c'), c'; hu = h·U is [B, 4U]; h, c and their grads [B, U].
 */

/** Sizes of a step; `step` indexes the time-major input projection (and a time-major dy). */
export interface GateDims {
  batch: number;
  units: number;
  step: number;
}

/** Inputs of a forward step; `hu` and `prev` are absent at step 0 (zero initial state). */
export interface GatesForwardInputs {
  xw: Float32Array;
  hu?: Float32Array;
  prev?: Float32Array;
}

/** Inputs of a backward step: the step's state, the previous one (absent at step 0), dL/dh from the
 * next step (h·U's gradient; absent at the last step), dL/dc from the next step (absent at the last),
 * and the layer's upstream gradient: [B, U] for the last step only, or time-major [T·B, U]. */
export interface GatesBackwardInputs {
  state: Float32Array;
  prev?: Float32Array;
  dh?: Float32Array;
  dc?: Float32Array;
  dy?: Float32Array;
  /** True when dy holds every step (a layer that returns sequences). */
  dyAllSteps: boolean;
}

/**
 * Pass 1 of a forward step: z = x·W + b (this step's rows of xw) + h·U, into `z` [B, 4U], with the g
 * block doubled. Every activation then is a sigmoid, which the WASM backend runs vectorised (XNNPACK):
 * tanh(x) = 2σ(2x) − 1, and doubling a float is exact.
 */
export function preActivations(dims: GateDims, input: GatesForwardInputs, z: Float32Array): void {
  const { batch, units: u, step } = dims;
  const { xw, hu } = input;
  const width = 4 * u;
  const offset = step * batch * width;
  for (let k = 0; k < batch * width; k++) z[k] = xw[offset + k]! + (hu ? hu[k]! : 0);
  for (let b = 0; b < batch; b++) {
    for (let j = b * width + 2 * u; j < b * width + 3 * u; j++) z[j]! *= 2;
  }
}

/**
 * Pass 2: from σ(z) [B, 4U], the gates and the new cell state c' = f·c + i·g into `state` (all but
 * tanh(c')), and 2c' into `twoC` [B, U] for the sigmoid that gives tanh(c').
 */
export function cellFromSigmoids(
  dims: GateDims,
  sig: Float32Array,
  prev: Float32Array | undefined,
  out: { state: Float32Array; twoC: Float32Array },
): void {
  const { batch, units: u } = dims;
  const { state, twoC } = out;
  for (let b = 0; b < batch; b++) {
    const zRow = b * 4 * u;
    const sRow = b * 6 * u;
    for (let j = 0; j < u; j++) {
      const i = sig[zRow + j]!;
      const f = sig[zRow + u + j]!;
      const g = 2 * sig[zRow + 2 * u + j]! - 1;
      const c = f * (prev ? prev[sRow + 5 * u + j]! : 0) + i * g;
      state[sRow + j] = i;
      state[sRow + u + j] = f;
      state[sRow + 2 * u + j] = g;
      state[sRow + 3 * u + j] = sig[zRow + 3 * u + j]!;
      state[sRow + 5 * u + j] = c;
      twoC[b * u + j] = 2 * c;
    }
  }
}

/** Pass 3: from σ(2c') [B, U], tanh(c') into `state` and h' = o·tanh(c') into `h` [B, U]. */
export function outputFromSigmoid(
  dims: GateDims,
  sigTwoC: Float32Array,
  state: Float32Array,
  h: Float32Array,
) {
  const { batch, units: u } = dims;
  for (let b = 0; b < batch; b++) {
    const sRow = b * 6 * u;
    for (let j = 0; j < u; j++) {
      const tc = 2 * sigTwoC[b * u + j]! - 1;
      state[sRow + 4 * u + j] = tc;
      h[b * u + j] = state[sRow + 3 * u + j]! * tc;
    }
  }
}

/** One backward step. Writes dz [B, 4U] (the pre-activation gradient) and dcPrev [B, U]. */
export function gatesBackward(
  dims: GateDims,
  input: GatesBackwardInputs,
  dz: Float32Array,
  dcPrev: Float32Array,
) {
  const { batch, units: u, step } = dims;
  const { state, prev, dh, dc, dy, dyAllSteps } = input;
  const dyBase = dyAllSteps ? step * batch * u : 0;
  for (let b = 0; b < batch; b++) {
    const sRow = b * 6 * u;
    const zRow = b * 4 * u;
    for (let j = 0; j < u; j++) {
      const k = b * u + j;
      const i = state[sRow + j]!;
      const f = state[sRow + u + j]!;
      const g = state[sRow + 2 * u + j]!;
      const o = state[sRow + 3 * u + j]!;
      const tc = state[sRow + 4 * u + j]!;
      const dH = (dh ? dh[k]! : 0) + (dy ? dy[dyBase + k]! : 0);
      const dC = (dc ? dc[k]! : 0) + dH * o * (1 - tc * tc);
      dz[zRow + j] = dC * g * i * (1 - i);
      dz[zRow + u + j] = dC * (prev ? prev[sRow + 5 * u + j]! : 0) * f * (1 - f);
      dz[zRow + 2 * u + j] = dC * i * (1 - g * g);
      dz[zRow + 3 * u + j] = dH * tc * o * (1 - o);
      dcPrev[k] = dC * f;
    }
  }
}
