import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend.js';
import { buildCnnLstm } from './cnn-lstm.model.js';
import { predictNormalized } from './forecast.js';
import { deserializeBundle, serializeBundle, type ModelVersionBundle } from './model-bundle.js';
import { loadBundleFromFolder, ONNX_FILE, saveBundleToFolder } from './model-folder.js';
import { captureModel, loadModel } from './model-io.js';
import { listStoredVersions, loadLatestVersion, storeVersion } from './model-store.js';
import { trainModel } from './train-model.js';
import { syntheticSeries, TINY_HP, windowsOf } from './test-hyperparameters.js';

const windows = windowsOf(
  syntheticSeries(80).map((v) => (v - 120) / 25),
  14,
);
let trained: tf.LayersModel;
let bundle: ModelVersionBundle;
let tmp: string;

function makeBundle(
  artifacts: ModelVersionBundle['model'],
  id = 'v1',
  createdAt = '2026-01-01T00:00:00.000Z',
): ModelVersionBundle {
  const metrics = {
    rmse: 1,
    mae: 1,
    mase: 0.5,
    naiveRmse: 2,
    naiveMae: 2,
    seasonalNaiveRmse: 2,
    seasonalNaiveMae: 2,
  };
  return {
    meta: {
      formatVersion: 1,
      id,
      category: 'Home & Garden',
      createdAt,
      tfBackend: 'wasm',
      windowSize: 14,
      normalization: { mean: 120, std: 25 },
      hyperparameters: TINY_HP,
      configSnapshot: { model: { lstmUnits: 8 } },
      metrics,
      interval: {
        coverage: 0.9,
        halfWidth: 3,
        validationCoverage: 0.88,
        method: 'split-conformal-abs-residual',
      },
      dataset: {
        source: 'x.csv',
        firstDate: '2024-01-01',
        lastDate: '2024-03-20',
        days: 80,
        trainDays: 64,
        validationDays: 16,
      },
      epochs: [],
    },
    model: artifacts,
    plotPng: new Uint8Array([137, 80, 78, 71, 1, 2, 3]),
  };
}

describe('model versions', () => {
  beforeAll(async () => {
    await initBackend('wasm');
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bundle-test-'));
    trained = buildCnnLstm(TINY_HP, 5);
    const data = {
      trainInputs: windows.inputs,
      trainTargets: windows.targets,
      validationInputs: windows.inputs,
      validationTargets: windows.targets,
    };
    await trainModel(trained, data, { epochs: 1, batchSize: 16, seed: 5 });
    bundle = makeBundle(await captureModel(trained));
  });

  afterAll(async () => {
    trained.dispose();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('should predict exactly what the trained model did when loaded from bytes', async () => {
    const restored = deserializeBundle(serializeBundle(bundle));
    expect(restored.meta).toEqual(bundle.meta);
    expect(restored.plotPng).toEqual(bundle.plotPng);
    const loaded = await loadModel(restored.model!);
    expect(predictNormalized(loaded, windows.inputs)).toEqual(predictNormalized(trained, windows.inputs));
    loaded.dispose();
  });

  it('should predict exactly what the trained model did when loaded from a folder', async () => {
    const dir = path.join(tmp, 'folder');
    await saveBundleToFolder(bundle, dir);
    expect((await fs.readdir(dir)).sort()).toEqual([
      'config.json',
      'evaluation.png',
      'metadata.json',
      'model.json',
      'model.onnx',
      'normalization.json',
      'weights.bin',
    ]);
    const loaded = await loadModel((await loadBundleFromFolder(dir)).model!);
    expect(predictNormalized(loaded, windows.inputs)).toEqual(predictNormalized(trained, windows.inputs));
    loaded.dispose();
  });

  it('should reject bytes that are not a bundle or are truncated', () => {
    expect(() => deserializeBundle(new Uint8Array([1, 2, 3]))).toThrow(/bad magic/);
    const bytes = serializeBundle(bundle);
    expect(() => deserializeBundle(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
  });

  it('should return the newest stored version of a category when several exist', async () => {
    const dataDir = path.join(tmp, 'data');
    await storeVersion(dataDir, makeBundle(bundle.model, 'old', '2026-01-01T00:00:00.000Z'));
    await storeVersion(dataDir, makeBundle(bundle.model, 'new', '2026-02-01T00:00:00.000Z'));
    expect((await listStoredVersions(dataDir)).map((v) => [v.category, v.id])).toEqual([
      ['Home & Garden', 'old'],
      ['Home & Garden', 'new'],
    ]);
    expect((await loadLatestVersion(dataDir, 'Home & Garden'))?.meta.id).toBe('new');
    expect(await loadLatestVersion(dataDir, 'Toys')).toBeNull();
  });

  it('should add model.onnx to a version stored before versions had one, when it is next loaded', async () => {
    const dataDir = path.join(tmp, 'data-old');
    const { dir } = await storeVersion(
      dataDir,
      makeBundle(bundle.model, 'older', '2026-01-01T00:00:00.000Z'),
    );
    const written = await fs.readFile(path.join(dir, ONNX_FILE));
    await fs.rm(path.join(dir, ONNX_FILE));
    await loadLatestVersion(dataDir, 'Home & Garden');
    expect(await fs.readFile(path.join(dir, ONNX_FILE))).toEqual(written);
  });
});
