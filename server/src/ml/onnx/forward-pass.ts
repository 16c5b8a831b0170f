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

export const SERVING_ENGINES = ['auto', 'onnx', 'tfjs'] as const;
export type ServingEngine = (typeof SERVING_ENGINES)[number];

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

let warned = false;
/** Creates the forward pass of a CNN-LSTM version with the configured engine. */
export async function createForwardPass(
  artifacts: ModelArtifacts,
  engine: ServingEngine = 'auto',
  warn: (message: string) => void = (message) => console.warn(message),
): Promise<ForwardPass> {
  if (engine === 'tfjs') return tfjsForwardPass(await loadModel(artifacts));
  try {
    return await onnxForwardPass(artifacts);
  } catch (error) {
    if (engine === 'onnx') throw error;
    // One line per process, not per version: the cause (a missing native library) is the same for all.
    if (!warned) {
      warned = true;
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
export async function onnxForwardPass(artifacts: ModelArtifacts): Promise<ForwardPass> {
  if (process.env.SERVING_ONNX_DISABLED === '1') throw new Error('disabled by SERVING_ONNX_DISABLED=1');
  const ort = await loadOnnxRuntime();
  if (ort instanceof Error) throw ort;
  const session = await ort.InferenceSession.create(exportCnnLstmOnnx(artifacts), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
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
