import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deserializeBundle, serializeBundle, type ModelVersionBundle } from '../model-bundle.js';
import { loadBundleFromFolder, saveBundleToFolder } from '../model-folder.js';
import { TINY_HP } from '../test-hyperparameters.js';
import { getFamily } from './registry.js';
import { loadServingModel } from './serving-model.js';
import { historyOf, weeklySeries } from './test-series.js';

describe('serving a statistical family version', () => {
  let tmp: string;
  let bundle: ModelVersionBundle;
  let expected: number[];
  const values = weeklySeries(200, 5);

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'serving-test-'));
    const fitted = await (
      await getFamily('ETS')
    ).fit(historyOf(values), { seed: 1, hyperparameters: TINY_HP });
    expected = await fitted.forecast(10);
    const state = await fitted.state();
    bundle = {
      meta: {
        formatVersion: 1,
        id: '00000000-0000-4000-8000-000000000001',
        category: 'Beauty',
        createdAt: '2024-07-19T00:00:00.000Z',
        tfBackend: 'wasm',
        windowSize: 14,
        normalization: { mean: 0, std: 1 },
        hyperparameters: TINY_HP,
        configSnapshot: {},
        metrics: {
          rmse: 1,
          mae: 1,
          mase: 1,
          naiveRmse: 1,
          naiveMae: 1,
          seasonalNaiveRmse: 1,
          seasonalNaiveMae: 1,
        },
        interval: {
          coverage: 0.9,
          halfWidth: 3,
          validationCoverage: 0.9,
          method: 'backtest-step-conformal',
          stepHalfWidths: [3, 4],
        },
        dataset: {
          source: 'x.csv',
          firstDate: '2024-01-01',
          lastDate: '2024-07-18',
          days: 200,
          trainDays: 160,
          validationDays: 40,
        },
        epochs: [],
        family: 'ETS',
        state: { family: state.family, data: state.data },
        backtest: null,
        fitSeconds: 0.1,
        fallback: null,
      },
    };
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('should forecast the same after a round trip through bytes, without TF.js weights', async () => {
    const restored = deserializeBundle(serializeBundle(bundle));
    expect(restored.model).toBeUndefined();
    const model = await loadServingModel(restored);
    expect(await model.forecast(values.slice(-14), 10)).toEqual(expected);
  });

  it('should write no TF.js files to its folder and serve the same from it', async () => {
    const dir = path.join(tmp, 'ets');
    await saveBundleToFolder(bundle, dir);
    expect((await fs.readdir(dir)).sort()).toEqual(['config.json', 'metadata.json']);
    const model = await loadServingModel(await loadBundleFromFolder(dir));
    expect(await model.forecast(values.slice(-14), 10)).toEqual(expected);
  });
});
