/**
 * A model version as a folder, readable by people and tools: `model.json` + `weights.bin` (the standard
 * TF.js layers format, loadable with `tf.loadLayersModel('file://…/model.json')`), `metadata.json`,
 * `normalization.json`, `config.json` and `evaluation.png`. The same files are MLflow's artifacts.
 * Used by the CLI's model store and the MLflow artifact upload.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ModelVersionBundle, ModelVersionMeta } from './model-bundle.js';

/** File name → bytes of a bundle's folder form. */
export function bundleFiles(bundle: ModelVersionBundle): Map<string, Uint8Array> {
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
  const { meta, model } = bundle;
  const files = new Map<string, Uint8Array>([
    [
      'model.json',
      json({
        format: 'layers-model',
        generatedBy: 'sales-forecast',
        convertedBy: null,
        modelTopology: model.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: model.weightSpecs }],
      }),
    ],
    ['weights.bin', model.weightData],
    ['metadata.json', json(meta)],
    ['normalization.json', json({ ...meta.normalization, windowSize: meta.windowSize })],
    ['config.json', json(meta.configSnapshot)],
  ]);
  if (bundle.plotPng) files.set('evaluation.png', bundle.plotPng);
  return files;
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
  const modelJson = await readJson<{
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: ModelVersionBundle['model']['weightSpecs'] }[];
  }>('model.json');
  const weightParts = await Promise.all(
    modelJson.weightsManifest.flatMap((group) => group.paths).map((p) => fs.readFile(path.join(dir, p))),
  );
  const plotPath = path.join(dir, 'evaluation.png');
  const plot = await fs.readFile(plotPath).catch(() => undefined);
  return {
    meta: await readJson<ModelVersionMeta>('metadata.json'),
    model: {
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
      weightData: new Uint8Array(Buffer.concat(weightParts)),
    },
    plotPng: plot ? new Uint8Array(plot) : undefined,
  };
}
