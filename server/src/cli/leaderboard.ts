/**
 * The leaderboard `npm run train` prints per category (and `bench:models` reuses): every candidate
 * family's backtest MAE, MASE, sMAPE and interval coverage, its one-step validation MAE, fit seconds, and
 * the champion marked. Rows come from the candidates' model-version metadata.
 */
import Table from 'cli-table3';
import type { ModelVersionMeta } from '../ml/model-bundle.js';

/** One candidate as the leaderboard shows it. */
export interface LeaderboardRow {
  family: string;
  backtestMae: number | null;
  backtestMase: number | null;
  backtestSmape: number | null;
  coverage: number | null;
  validationMae: number;
  fitSeconds: number;
  champion: boolean;
  fallback: string | null;
  /** The CNN-LSTM's input scaling (chosen on backtests under `auto`), else null. */
  variant: string | null;
}

/** A row from a candidate version's metadata. */
export function leaderboardRow(meta: ModelVersionMeta, champion: boolean): LeaderboardRow {
  return {
    family: meta.family ?? 'CNN_LSTM',
    backtestMae: meta.backtest?.mae ?? null,
    backtestMase: meta.backtest?.mase ?? null,
    backtestSmape: meta.backtest?.smape ?? null,
    coverage: meta.backtest?.coverage ?? null,
    validationMae: meta.metrics.mae,
    fitSeconds: meta.fitSeconds ?? 0,
    champion,
    fallback: meta.fallback ?? null,
    variant: (meta.family ?? 'CNN_LSTM') === 'CNN_LSTM' ? (meta.hyperparameters.scaling ?? 'zscore') : null,
  };
}

const fmt = (v: number | null, digits: number) => (v === null ? '-' : v.toFixed(digits));

/** The table of one category's candidates, best MASE first. */
export function formatLeaderboard(category: string, rows: readonly LeaderboardRow[]): string {
  const table = new Table({
    head: ['category', 'family', 'backtest MAE', 'MASE', 'sMAPE %', 'cover. 90%', 'val. MAE', 'fit s', ''],
    style: process.stdout.isTTY ? undefined : { head: [], border: [] },
  });
  const sorted = [...rows].sort((a, b) => (a.backtestMase ?? Infinity) - (b.backtestMase ?? Infinity));
  for (const r of sorted) {
    table.push([
      category,
      r.variant ? `${r.family} [${r.variant}]` : r.family,
      fmt(r.backtestMae, 1),
      fmt(r.backtestMase, 3),
      fmt(r.backtestSmape, 1),
      fmt(r.coverage, 2),
      fmt(r.validationMae, 1),
      r.fitSeconds.toFixed(2),
      [r.champion ? 'champion' : '', r.fallback ? `fell back: ${r.fallback}` : ''].filter(Boolean).join('; '),
    ]);
  }
  return table.toString();
}
