import { describe, expect, it } from '@jest/globals';
import type { FittedModel, ModelFamily } from '../families/family.js';
import { getFamily } from '../families/registry.js';
import { historyOf, weeklySeries } from '../families/test-series.js';
import { TINY_HP } from '../test-hyperparameters.js';
import { backtestOrigins, runBacktest } from './rolling-origin.js';

const options = { origins: 5, horizon: 14, coverage: 0.9, fit: { seed: 1, hyperparameters: TINY_HP } };

/** A family whose forecasts are `produce(history)`, counting its fits. */
function fakeFamily(produce: (history: readonly number[]) => number[], conditions = false) {
  const fits: number[] = [];
  const family: ModelFamily = {
    name: 'ETS',
    conditions,
    minimumDays: () => 14,
    async fit(history) {
      fits.push(history.values.length);
      const model: FittedModel = {
        family: 'ETS',
        forecast: async (horizon, context) => produce(context ?? history.values).slice(0, horizon),
        state: async () => ({ family: 'ETS', data: {} }),
        dispose: () => {},
      };
      return model;
    },
    load: async () => {
      throw new Error('not used');
    },
  };
  return { family, fits };
}

describe('backtestOrigins', () => {
  it('should place k origins H days apart at the end, fewer when the history is short', () => {
    expect(backtestOrigins(100, { origins: 5, horizon: 14, minimumDays: 20 })).toEqual([30, 44, 58, 72, 86]);
    expect(backtestOrigins(60, { origins: 5, horizon: 14, minimumDays: 20 })).toEqual([32, 46]);
    expect(backtestOrigins(30, { origins: 5, horizon: 14, minimumDays: 20 })).toEqual([]);
  });
});

describe('runBacktest', () => {
  it('should score a perfect weekly forecast with zero error and MASE 0', async () => {
    const weekly = Array.from({ length: 140 }, (_, i) => [5, 1, 1, 2, 3, 8, 9][i % 7]!);
    const result = (await runBacktest(await getFamily('SEASONAL_NAIVE'), historyOf(weekly), options))!;
    expect(result.origins).toBe(5);
    expect(result.folds.map((f) => f.startDate)).toEqual([
      '2024-03-11', // day 70 of a leap year's history from 2024-01-01
      '2024-03-25',
      '2024-04-08',
      '2024-04-22',
      '2024-05-06',
    ]);
    expect(result.mae).toBe(0);
    expect(result.folds.every((f) => f.dates.length === 14 && f.predicted.length === 14)).toBe(true);
  });

  it('should refit at every origin, or fit once and condition for families that condition', async () => {
    const values = weeklySeries(140);
    const refit = fakeFamily((h) => Array.from({ length: 14 }, () => h.at(-1)!));
    await runBacktest(refit.family, historyOf(values), options);
    expect(refit.fits).toEqual([70, 84, 98, 112, 126]);
    const conditioned = fakeFamily((h) => Array.from({ length: 14 }, () => h.at(-1)!), true);
    const result = (await runBacktest(conditioned.family, historyOf(values), options))!;
    expect(conditioned.fits).toEqual([70]);
    // Conditioned on the actual days up to each origin: the last fold starts from day 125's value.
    expect(result.folds.at(-1)!.predicted[0]).toBeCloseTo(values[125]!, 9);
  });

  it('should fall back to seasonal naive and say why when a forecast diverges or the fit throws', async () => {
    const values = weeklySeries(140);
    let call = 0;
    const diverging = fakeFamily(() => {
      call++;
      if (call === 2) throw new Error('singular matrix');
      return Array.from({ length: 14 }, (_, i) => (call === 1 && i === 3 ? 1e12 : 200));
    });
    const result = (await runBacktest(diverging.family, historyOf(values), options))!;
    expect(result.fallbacks).toBe(2);
    expect(result.folds[0]!.fallback).toMatch(/far outside/);
    expect(result.folds[1]!.fallback).toMatch(/fit failed: singular matrix/);
    expect(result.folds[0]!.predicted).toEqual(values.slice(63, 70).concat(values.slice(63, 70)));
    expect(result.folds[2]!.fallback).toBeNull();
  });

  it('should hold forecasts at 0 when the training days never went negative', async () => {
    const values = weeklySeries(140).map((v, i) => (i % 7 === 0 ? 0 : v));
    const negative = fakeFamily(() => Array.from({ length: 14 }, () => -5));
    const result = (await runBacktest(negative.family, historyOf(values), options))!;
    expect(result.folds.every((f) => f.predicted.every((p) => p === 0) && f.lower.every((l) => l >= 0))).toBe(
      true,
    );
  });

  it('should give intervals whose leave-one-fold-out coverage is near nominal on noisy data', async () => {
    const values = weeklySeries(700, 20, 'coverage');
    const result = (await runBacktest(await getFamily('MSTL'), historyOf(values), {
      ...options,
      origins: 20,
    }))!;
    expect(result.coverage).toBeGreaterThanOrEqual(0.8);
    expect(result.coverage).toBeLessThanOrEqual(0.98);
    expect(result.stepHalfWidths).toHaveLength(14);
    expect(result.stepHalfWidths.every((w) => w > 0)).toBe(true);
  });
});
