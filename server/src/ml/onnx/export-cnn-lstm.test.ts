import { beforeAll, describe, expect, it } from '@jest/globals';
import * as ort from 'onnxruntime-node';
import { initBackend } from '../backend.js';
import { buildCnnLstm } from '../cnn-lstm.model.js';
import { predictNormalized } from '../forecast.js';
import { getFamily } from '../families/registry.js';
import { captureModel } from '../model-io.js';
import { syntheticSeries, TINY_HP } from '../test-hyperparameters.js';
import { exportCnnLstmOnnx, ONNX_INPUT, ONNX_OUTPUT, OnnxExportError } from './export-cnn-lstm.js';

/** Deterministic pseudo-random windows (mulberry32), roughly zscored. */
function randomWindows(count: number, size: number, seed: number): number[][] {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => Array.from({ length: size }, () => (next() - 0.5) * 4));
}

async function runOnnx(bytes: Uint8Array, windows: number[][]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  const size = windows[0]!.length;
  const input = new ort.Tensor('float32', Float32Array.from(windows.flat()), [windows.length, size, 1]);
  const output = await session.run({ [ONNX_INPUT]: input });
  await session.release();
  return output[ONNX_OUTPUT]!.data as Float32Array;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(
      tolerance * Math.max(1, Math.abs(expected[i]!)),
    );
  }
}

describe('ONNX export of the CNN-LSTM', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each([
    ['1 LSTM layer', { ...TINY_HP }],
    [
      '2 LSTM layers, window 21, kernel 5',
      { ...TINY_HP, lstmLayers: 2, windowSize: 21, kernelSize: 5, lstmUnits: 6 },
    ],
  ])('should compute what TF.js computes on random windows (%s, initial weights)', async (_, hp) => {
    const model = buildCnnLstm(hp, 11);
    const windows = randomWindows(64, hp.windowSize, 5);
    const onnx = await runOnnx(exportCnnLstmOnnx(await captureModel(model)), windows);
    expectClose(onnx, predictNormalized(model, windows), 1e-5);
    model.dispose();
  });

  it('should compute what a trained TF.js model computes, at batch 1 and 64', async () => {
    const fitted = await (
      await getFamily('CNN_LSTM')
    ).fit(
      { startDate: '2024-01-01', values: syntheticSeries(160) },
      { seed: 3, hyperparameters: { ...TINY_HP, epochs: 3 } },
    );
    const state = await fitted.state();
    const bytes = exportCnnLstmOnnx(state.artifacts!);
    const { loadModel } = await import('../model-io.js');
    const model = await loadModel(state.artifacts!);
    for (const count of [1, 64]) {
      const windows = randomWindows(count, 14, count);
      expectClose(await runOnnx(bytes, windows), predictNormalized(model, windows), 1e-5);
    }
    model.dispose();
    fitted.dispose();
  });

  it('should refuse a topology it does not translate instead of exporting a wrong graph', async () => {
    const model = buildCnnLstm(TINY_HP, 1);
    const artifacts = await captureModel(model);
    const topology = JSON.parse(JSON.stringify(artifacts.modelTopology)) as {
      config: { layers: { class_name: string; config: Record<string, unknown> }[] };
    };
    topology.config.layers[1]!.config.recurrent_activation = 'hard_sigmoid';
    expect(() => exportCnnLstmOnnx({ ...artifacts, modelTopology: topology })).toThrow(OnnxExportError);
    model.dispose();
  });
});
