import { describe, expect, it } from 'vitest';
import type { ModelVersionFieldsFragment } from './models.generated';
import { activateLabel, lastFoldSeries, rankVersions } from './leaderboard';

const fold = (dates: string[], actual: number[], predicted: number[]) => ({
  startDate: dates[0]!,
  dates,
  actual,
  predicted,
  lower: predicted,
  upper: predicted,
});
const DATES = ['2024-08-01', '2024-08-02'];

function version(
  id: string,
  family: ModelFamilyName,
  backtest: { mase: number | null; mae: number; predicted?: number[]; dates?: string[] } | null,
  extra: Partial<ModelVersionFieldsFragment> = {},
): ModelVersionFieldsFragment {
  return {
    id,
    category: 'Beauty',
    runId: 'r1',
    createdAt: '2026-11-30T20:00:00.000Z',
    active: false,
    family,
    champion: false,
    fitSeconds: 1,
    fallback: null,
    source: 'api',
    backtest: backtest && {
      origins: 2,
      horizon: 2,
      mae: backtest.mae,
      rmse: backtest.mae,
      mase: backtest.mase,
      smape: 10,
      coverage: 0.9,
      nominalCoverage: 0.9,
      fallbacks: 0,
      folds: [fold(backtest.dates ?? DATES, [10, 20], backtest.predicted ?? [11, 19])],
    },
    ...extra,
  };
}
type ModelFamilyName = ModelVersionFieldsFragment['family'];

describe('rankVersions', () => {
  it('should order by backtest MASE, then MAE, with versions without a backtest last', () => {
    const ranked = rankVersions([
      version('none', 'CNN_LSTM', null),
      version('ets', 'ETS', { mase: 0.9, mae: 5 }),
      version('naive', 'SEASONAL_NAIVE', { mase: 1, mae: 4 }),
      version('mstl', 'MSTL', { mase: 0.9, mae: 3 }),
      version('nomase', 'PROPHET', { mase: null, mae: 1 }),
    ]);
    expect(ranked.map((v) => v.id)).toEqual(['mstl', 'ets', 'naive', 'nomase', 'none']);
  });
  it('should put the newer version first on a tie and leave the input untouched', () => {
    const older = version('old', 'ETS', { mase: 0.5, mae: 2 });
    const newer = version('new', 'ETS', { mase: 0.5, mae: 2 }, { createdAt: '2026-12-01T00:00:00.000Z' });
    const input = [older, newer];
    expect(rankVersions(input).map((v) => v.id)).toEqual(['new', 'old']);
    expect(input[0]).toBe(older);
  });
});

describe('activateLabel', () => {
  it('should offer a roll back for a version older than the active one', () => {
    const active = version('a', 'ETS', null, { createdAt: '2026-11-30T12:00:00.000Z', active: true });
    expect(activateLabel(version('b', 'ETS', null, { createdAt: '2026-11-29T00:00:00.000Z' }), active)).toBe(
      'Roll back',
    );
    expect(activateLabel(version('c', 'ETS', null, { createdAt: '2026-12-01T00:00:00.000Z' }), active)).toBe(
      'Activate',
    );
    expect(activateLabel(version('d', 'ETS', null), undefined)).toBe('Activate');
  });
});

describe('lastFoldSeries', () => {
  it("should draw the actual values and the top candidates' forecasts over the same days", () => {
    const ranked = rankVersions([
      version('ets', 'ETS', { mase: 0.7, mae: 1, predicted: [9, 21] }),
      version('naive', 'SEASONAL_NAIVE', { mase: 1, mae: 2, predicted: [12, 18] }),
      version('other-days', 'MSTL', { mase: 0.8, mae: 1, dates: ['2024-07-01', '2024-07-02'] }),
      version('none', 'CNN_LSTM', null),
    ]);
    const series = lastFoldSeries(ranked, 3);
    expect(series.map((s) => s.id)).toEqual(['Actual', 'ETS', 'Seasonal naive']);
    expect(series[0]!.data).toEqual([
      { x: '2024-08-01', y: 10 },
      { x: '2024-08-02', y: 20 },
    ]);
    expect(series[1]!.data.map((p) => p.y)).toEqual([9, 21]);
  });
  it('should name repeated families apart and stop at top', () => {
    const ranked = rankVersions([
      version('a', 'ETS', { mase: 0.5, mae: 1 }),
      version('b', 'ETS', { mase: 0.6, mae: 1 }),
      version('c', 'ETS', { mase: 0.7, mae: 1 }),
    ]);
    expect(lastFoldSeries(ranked, 2).map((s) => s.id)).toEqual(['Actual', 'ETS', 'ETS (2)']);
  });
  it('should draw nothing without a backtest', () => {
    expect(lastFoldSeries([version('x', 'CNN_LSTM', null)])).toEqual([]);
  });
});
