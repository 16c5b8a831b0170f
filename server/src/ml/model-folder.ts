/**
 * A model version as a folder, readable by people and tools: `model.json` + `weights.bin` (the standard
 * TF.js layers format, loadable with `tf.loadLayersModel('file://…/model.json')`), `model.onnx` (the same
 * network for ONNX tools, input [batch, window, 1] of normalised values) and `normalization.json` for
 * CNN-LSTM versions, `metadata.json` (with the fitted state of other families), `config.json`,
 * `backtest.json` and `evaluation.png`. The same files are MLflow's artifacts.
 * Used by the CLI's model store and the MLflow artifact upload.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ModelArtifacts, ModelVersionBundle, ModelVersionMeta } from './model-bundle.js';
import { exportCnnLstmOnnx, OnnxExportError } from './onnx/export-cnn-lstm.js';

/** The ONNX export's file name in a version's folder and MLflow artifacts. */
export const ONNX_FILE = 'model.onnx';

/** File name → bytes of a bundle's folder form. */
export function bundleFiles(bundle: ModelVersionBundle): Map<string, Uint8Array> {
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
  const { meta, model } = bundle;
  const files = new Map<string, Uint8Array>();
  if (model) {
    files.set(
      'model.json',
      json({
        format: 'layers-model',
        generatedBy: 'sales-forecast',
        convertedBy: null,
        modelTopology: model.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: model.weightSpecs }],
      }),
    );
    files.set('weights.bin', model.weightData);
    const onnx = onnxOf(model);
    if (onnx) files.set(ONNX_FILE, onnx);
    files.set('normalization.json', json({ ...meta.normalization, windowSize: meta.windowSize }));
  }
  files.set('metadata.json', json(meta));
  files.set('config.json', json(meta.configSnapshot));
  if (meta.backtest) files.set('backtest.json', json(meta.backtest));
  if (bundle.plotPng) files.set('evaluation.png', bundle.plotPng);
  return files;
}

/** The ONNX export, or null for a topology the exporter does not translate (the TF.js files still serve). */
function onnxOf(model: ModelArtifacts): Uint8Array | null {
  try {
    return exportCnnLstmOnnx(model);
  } catch (error) {
    if (error instanceof OnnxExportError) return null;
    throw error;
  }
}

/**
 * Writes `model.onnx` into a folder saved before versions had one (it is derived from the weights).
 * @returns whether a file was written.
 */
export async function addMissingOnnx(bundle: ModelVersionBundle, dir: string): Promise<boolean> {
  const file = path.join(dir, ONNX_FILE);
  if (!bundle.model || (await fs.stat(file).catch(() => null))) return false;
  const onnx = onnxOf(bundle.model);
  if (!onnx) return false;
  await fs.writeFile(file, onnx);
  return true;
}

/** Writes the folder (created if missing; files replaced). */
export async function saveBundleToFolder(bundle: ModelVersionBundle, dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const [name, bytes] of bundleFiles(bundle)) await fs.writeFile(path.join(dir, name), bytes);
}

/** Reads a folder written by `saveBundleToFolder`. @throws when a required file is missing or invalid. */
export async function loadBundleFromFolder(dir: string): Promise<ModelVersionBundle> {
  const readJson = async <T>(name: string) =>
    JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as T;
  const meta = await readJson<ModelVersionMeta>('metadata.json');
  const plot = await fs.readFile(path.join(dir, 'evaluation.png')).catch(() => undefined);
  // Versions of statistical families have no TF.js model: their fitted state is in metadata.json.
  const hasModel = !meta.state || meta.state.family === 'CNN_LSTM';
  return {
    meta,
    model: hasModel ? await readModel(dir) : undefined,
    plotPng: plot ? new Uint8Array(plot) : undefined,
  };
}

async function readModel(dir: string): Promise<ModelArtifacts> {
  const modelJson = JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: ModelArtifacts['weightSpecs'] }[];
  };
  const weightParts = await Promise.all(
    modelJson.weightsManifest.flatMap((group) => group.paths).map((p) => fs.readFile(path.join(dir, p))),
  );
  return {
    modelTopology: modelJson.modelTopology,
    weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
    weightData: new Uint8Array(Buffer.concat(weightParts)),
  };
}
