import { beforeAll, describe, expect, it } from '@jest/globals';
import { initBackend } from '../backend.js';
import { mae } from '../evaluate.js';
import { TINY_HP } from '../test-hyperparameters.js';
import { ArimaUnavailableError } from './arima/arima.family.js';
import type { FamilyName } from './family.js';
import { levelShift, PATH_DAYS } from './path-model.js';
import { getFamily } from './registry.js';
import { historyOf, weeklySeries } from './test-series.js';

const fitOptions = { seed: 42, hyperparameters: TINY_HP };

describe.each<FamilyName>(['SEASONAL_NAIVE', 'ETS', 'MSTL', 'PROPHET'])('family %s', (name) => {
  const values = weeklySeries(400, 5);
  const truth = weeklySeries(414, 5).slice(400);

  it('should forecast the next two weeks finitely and far better than the series spread', async () => {
    const family = await getFamily(name);
    const model = await family.fit(historyOf(values), fitOptions);
    const forecast = await model.forecast(14);
    expect(forecast).toHaveLength(14);
    expect(forecast.every(Number.isFinite)).toBe(true);
    // The weekly pattern spans 80; a model that learned anything is well within it.
    expect(mae(truth, forecast)).toBeLessThan(name === 'ETS' ? 40 : 20);
    model.dispose();
  });

  it('should forecast the same after its state is stored and loaded', async () => {
    const family = await getFamily(name);
    const model = await family.fit(historyOf(values), fitOptions);
    const state = JSON.parse(JSON.stringify(await model.state()));
    const loaded = await family.load(state);
    expect(await loaded.forecast(30)).toEqual(await model.forecast(30));
  });
});

describe('path models', () => {
  it('should serve up to a year ahead and shift the level when the recent week differs', async () => {
    const family = await getFamily('MSTL');
    const values = weeklySeries(200, 5);
    const model = await family.fit(historyOf(values), fitOptions);
    const path = await model.forecast(PATH_DAYS);
    expect(path).toHaveLength(PATH_DAYS);
    await expect(model.forecast(PATH_DAYS + 1)).rejects.toThrow(RangeError);
    // The stored week itself: no shift; the same week 50 higher: everything 50 higher.
    expect(await model.forecast(3, values.slice(-14))).toEqual(path.slice(0, 3));
    const raised = values.slice(-14).map((v) => v + 50);
    (await model.forecast(3, raised)).forEach((v, i) => expect(v).toBeCloseTo(path[i]! + 50, 9));
    expect(levelShift([1, 2, 3], undefined)).toBe(0);
  });
});

describe('family CNN_LSTM', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('should give the same forecasts for the same seed, and after a state round trip', async () => {
    const family = await getFamily('CNN_LSTM');
    const values = weeklySeries(160, 5);
    const a = await family.fit(historyOf(values), fitOptions);
    const b = await family.fit(historyOf(values), fitOptions);
    const forecast = await a.forecast(7);
    expect(await b.forecast(7)).toEqual(forecast);
    expect(a.epochs).toHaveLength(TINY_HP.epochs);
    const loaded = await family.load(await a.state());
    (await loaded.forecast(7)).forEach((v, i) => expect(v).toBeCloseTo(forecast[i]!, 3));
    // It conditions on any recent window.
    expect(await a.forecast(2, values.slice(0, 50))).not.toEqual(forecast.slice(0, 2));
    [a, b, loaded].forEach((m) => m.dispose());
  });
});

describe('family CNN_LSTM with window scaling', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('should follow a level it never saw: the same window 1000 higher forecasts 1000 higher', async () => {
    const family = await getFamily('CNN_LSTM');
    const values = weeklySeries(160, 5);
    const model = await family.fit(historyOf(values), {
      ...fitOptions,
      hyperparameters: { ...TINY_HP, scaling: 'window', patience: 1 },
    });
    const window = values.slice(-14);
    const base = await model.forecast(5, window);
    const raised = await model.forecast(
      5,
      window.map((v) => v + 1000),
    );
    raised.forEach((v, i) => expect(v).toBeCloseTo(base[i]! + 1000, 2));
    expect((await model.state()).data.scaling).toBe('window');
    model.dispose();
  });
});

describe('family ARIMA', () => {
  it('should explain that the arima package is not a dependency when it is not installed', async () => {
    const family = await getFamily('ARIMA');
    await expect(family.fit(historyOf(weeklySeries(60)), fitOptions)).rejects.toThrow(ArimaUnavailableError);
    await expect(family.fit(historyOf(weeklySeries(60)), fitOptions)).rejects.toThrow(/npm i arima/);
  });
});
