/**
 * The Models view's ordering and chart data, pure (leaderboard.test.ts): versions ranked by mean backtest
 * MASE (then MAE; versions without a backtest last), and the top candidates' last fold against the actual
 * values as nivo series.
 */
import type { ModelVersionFieldsFragment } from './models.generated';

type Version = ModelVersionFieldsFragment;

const orNull = (value: number | null | undefined) => (value == null ? Number.POSITIVE_INFINITY : value);

/**
 * Best first: backtest MASE, then backtest MAE, then the newer version. A version without a backtest
 * (history too short, or trained before backtests existed) ranks after every one with one.
 */
export function rankVersions(versions: readonly Version[]): Version[] {
  return [...versions].sort(
    (a, b) =>
      Number(!a.backtest) - Number(!b.backtest) ||
      orNull(a.backtest?.mase) - orNull(b.backtest?.mase) ||
      orNull(a.backtest?.mae) - orNull(b.backtest?.mae) ||
      b.createdAt.localeCompare(a.createdAt),
  );
}

/** "Activate" for a version newer than the active one (or when none is), "Roll back" for an older one. */
export function activateLabel(version: Version, active: Version | undefined): 'Activate' | 'Roll back' {
  return active && version.createdAt < active.createdAt ? 'Roll back' : 'Activate';
}

export interface FoldSeries {
  id: string;
  data: { x: string; y: number }[];
}

/** Short human names of the families. */
export const FAMILY_LABELS: Record<Version['family'], string> = {
  AUTO: 'Auto',
  CNN_LSTM: 'CNN-LSTM',
  SEASONAL_NAIVE: 'Seasonal naive',
  ETS: 'ETS',
  MSTL: 'MSTL',
  PROPHET: 'Prophet',
  ARIMA: 'ARIMA',
};

/**
 * The actual values of the last backtest fold and the forecasts of the `top` best-ranked versions over
 * the same days (a version whose last fold covers other days — another run's data — is left out).
 */
export function lastFoldSeries(ranked: readonly Version[], top = 3): FoldSeries[] {
  const lead = ranked.find((v) => v.backtest?.folds.length);
  const fold = lead?.backtest?.folds.at(-1);
  if (!fold) return [];
  const key = fold.dates.join();
  const picks = ranked.filter((v) => v.backtest?.folds.at(-1)?.dates.join() === key).slice(0, top);
  const seen = new Map<string, number>();
  const forecasts = picks.map((v) => {
    const last = v.backtest!.folds.at(-1)!;
    const name = FAMILY_LABELS[v.family];
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return {
      id: n > 1 ? `${name} (${n})` : name,
      data: last.dates.map((x, i) => ({ x, y: last.predicted[i]! })),
    };
  });
  return [{ id: 'Actual', data: fold.dates.map((x, i) => ({ x, y: fold.actual[i]! })) }, ...forecasts];
}
