/**
 * Part 0 of `api.bench.ts`: one CNN-LSTM forward pass (the shape config.yaml trains: window 14, 32
 * filters, 64 units) on TF.js wasm and on ONNX Runtime (the serving engines, `ml/onnx/forward-pass.ts`),
 * at batch 1 and 64, in this process, one after the other, each the median of 5 timed rounds. Beside the
 * figures measured on the reference machine.
 */
import { initBackend } from '../../src/ml/backend.js';
import { buildCnnLstm } from '../../src/ml/cnn-lstm.model.js';
import { captureModel } from '../../src/ml/model-io.js';
import { onnxForwardPass, tfjsForwardPass, type ForwardPass } from '../../src/ml/onnx/forward-pass.js';
import type { TrainingHyperparameters } from '../../src/ml/hyperparameters.js';
import { createTable } from './format.js';
import { INFERENCE_REFERENCE } from './reference.js';

const HP: TrainingHyperparameters = {
  windowSize: 14,
  convFilters: 32,
  kernelSize: 3,
  lstmUnits: 64,
  lstmLayers: 1,
  learningRate: 0.001,
  epochs: 1,
  batchSize: 32,
  seed: 42,
  validationFraction: 0.2,
};
const ROUNDS = 5;
const ROUND_MS = 300;

/** Milliseconds per call of `pass.run` on `batch` windows: median of timed rounds after a warm-up. */
async function timePass(pass: ForwardPass, batch: number): Promise<number> {
  const windows = Array.from({ length: batch }, (_, b) =>
    Array.from({ length: HP.windowSize }, (_, i) => Math.sin(i + b)),
  );
  for (let i = 0; i < 20; i++) await pass.run(windows);
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let calls = 0;
    const start = performance.now();
    while (performance.now() - start < ROUND_MS) {
      await pass.run(windows);
      calls++;
    }
    rounds.push((performance.now() - start) / calls);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

export async function measureForwardPass(): Promise<{ table: string; notes: string[] }> {
  await initBackend('wasm');
  const model = buildCnnLstm(HP, 42);
  const artifacts = await captureModel(model);
  const engines = [
    { name: 'TF.js wasm', pass: tfjsForwardPass(model), reference: INFERENCE_REFERENCE.tfjsWasm },
    {
      name: 'ONNX Runtime (1 thread)',
      pass: await onnxForwardPass(artifacts),
      reference: INFERENCE_REFERENCE.onnx,
    },
  ];
  const measured: { batch1: number; perSample64: number }[] = [];
  for (const engine of engines) {
    measured.push({
      batch1: await timePass(engine.pass, 1),
      perSample64: (await timePass(engine.pass, 64)) / 64,
    });
    engine.pass.dispose();
  }
  const table = createTable(['engine', 'batch 1 ms', 'per sample at 64 ms', 'reference machine']);
  engines.forEach((engine, i) =>
    table.push([
      `${engine.name} (${engine.pass.engine})`,
      measured[i]!.batch1.toFixed(3),
      measured[i]!.perSample64.toFixed(4),
      `${engine.reference.batch1Ms} / ${engine.reference.perSample64Ms}`,
    ]),
  );
  const [tfjs, onnx] = measured as [(typeof measured)[0], (typeof measured)[0]];
  return {
    table: table.toString(),
    notes: [
      `ONNX Runtime is ${(tfjs.batch1 / onnx.batch1).toFixed(1)}× faster than TF.js wasm at batch 1 and ${(tfjs.perSample64 / onnx.perSample64).toFixed(1)}× per sample at batch 64 in this run (reference machine: ${(INFERENCE_REFERENCE.tfjsWasm.batch1Ms / INFERENCE_REFERENCE.onnx.batch1Ms).toFixed(0)}× and ${(INFERENCE_REFERENCE.tfjsWasm.perSample64Ms / INFERENCE_REFERENCE.onnx.perSample64Ms).toFixed(0)}×).`,
      `median of ${ROUNDS} rounds of ${ROUND_MS} ms per cell, in the bench process (not the server); times include building the input tensor and reading the output.`,
    ],
  };
}
