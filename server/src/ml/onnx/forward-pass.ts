/**
 * The forward pass of a CNN-LSTM version on a batch of normalised windows, behind one interface whatever
 * runs it: ONNX Runtime (`onnxruntime-node`, the model exported by `export-cnn-lstm.ts`) or the TF.js
 * layers model. `serving.engine` in config.yaml picks: `auto` (ONNX Runtime, TF.js when it cannot load
 * or the export fails; logged once), `onnx` (ONNX Runtime or an error) or `tfjs`. Used by the
 * `ForecastBatcher` through `serving-model.ts`.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ModelArtifacts } from '../model-bundle.js';
import { loadModel } from '../model-io.js';
import { predictNormalized } from '../forecast.js';
import { exportCnnLstmOnnx, ONNX_INPUT, ONNX_OUTPUT } from './export-cnn-lstm.js';
import type { ServingEngine } from './serving-engine.js';

/** Next-day predictions of a batch of normalised windows. */
export interface ForwardPass {
  /** What runs it: `onnxruntime <version>` or `tfjs`. */
  readonly engine: string;
  run(windows: readonly (readonly number[])[]): Promise<Float32Array | number[]>;
  dispose(): void;
}

type Ort = typeof import('onnxruntime-node');
let ortModule: Promise<Ort | Error> | undefined;

/** `onnxruntime-node`, or the reason it cannot load here (loaded once per process). */
export function loadOnnxRuntime(): Promise<Ort | Error> {
  ortModule ??= import('onnxruntime-node').then(
    (ort) => ort,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  return ortModule;
}

export interface ForwardPassOptions {
  /** Where `onnxruntime-node` comes from (tests pass one that fails, as a machine without it would). */
  loadRuntime?: () => Promise<Ort | Error>;
  /** Where the one fallback warning goes. @default console.warn */
  warn?: (message: string) => void;
}

const consoleWarn = (message: string) => console.warn(message);
// One line per process and sink, not per version: the cause (a missing native library) is the same for all.
const warnedTo = new WeakSet<(message: string) => void>();
/** Creates the forward pass of a CNN-LSTM version with the configured engine. */
export async function createForwardPass(
  artifacts: ModelArtifacts,
  engine: ServingEngine = 'auto',
  options: ForwardPassOptions = {},
): Promise<ForwardPass> {
  const { loadRuntime = loadOnnxRuntime, warn = consoleWarn } = options;
  if (engine === 'tfjs') return tfjsForwardPass(await loadModel(artifacts));
  try {
    return await onnxForwardPass(artifacts, loadRuntime);
  } catch (error) {
    if (engine === 'onnx') throw error;
    if (!warnedTo.has(warn)) {
      warnedTo.add(warn);
      warn(`ONNX Runtime unavailable, serving CNN-LSTM versions with TF.js: ${(error as Error).message}`);
    }
    return tfjsForwardPass(await loadModel(artifacts));
  }
}

/** The TF.js layers model as a forward pass. */
export function tfjsForwardPass(model: tf.LayersModel): ForwardPass {
  return {
    engine: 'tfjs',
    run: async (windows) => predictNormalized(model, windows),
    dispose: () => model.dispose(),
  };
}

/** ONNX Runtime on the exported graph: one intra-op thread (the API's event loop has other work). */
export async function onnxForwardPass(
  artifacts: ModelArtifacts,
  loadRuntime: () => Promise<Ort | Error> = loadOnnxRuntime,
): Promise<ForwardPass> {
  const ort = await loadRuntime();
  if (ort instanceof Error) throw ort;
  const session = await ort.InferenceSession.create(exportCnnLstmOnnx(artifacts), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3, // errors only: the graph is ours, its notes are not the operator's business
  });
  return {
    engine: `onnxruntime ${ort.env.versions.common}`,
    async run(windows) {
      if (windows.length === 0) return new Float32Array();
      const size = windows[0]!.length;
      const input = new Float32Array(windows.length * size);
      windows.forEach((window, i) => input.set(window, i * size));
      const output = await session.run({
        [ONNX_INPUT]: new ort.Tensor('float32', input, [windows.length, size, 1]),
      });
      return output[ONNX_OUTPUT]!.data as Float32Array;
    },
    dispose: () => void session.release(),
  };
}

/** The engine that serves CNN-LSTM versions under this setting here, e.g. `onnxruntime 1.30.0` or `tfjs`. */
export async function servingEngineName(engine: ServingEngine): Promise<string> {
  if (engine === 'tfjs') return 'tfjs';
  const ort = await loadOnnxRuntime();
  if (!(ort instanceof Error)) return `onnxruntime ${ort.env.versions.common}`;
  return engine === 'onnx' ? 'none (onnxruntime-node cannot load)' : 'tfjs';
}
