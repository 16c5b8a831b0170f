/**
 * What `bench:models` prints: each category's leaderboard (the CLI's), and a summary of the champions
 * (MASE, coverage, one-step validation MAE beside the PyTorch reference's where one exists).
 */
import Table from 'cli-table3';
import { formatLeaderboard } from '../../src/cli/leaderboard.js';
import { PYTORCH_VALIDATION_MAE } from '../reference-figures.js';
import type { CategoryResult } from './run-category.js';

/** A category's leaderboard under a heading. */
export function printCategory(r: CategoryResult): string {
  const head = `${r.dataset} · ${r.category} · ${r.days} days · ${r.seconds.toFixed(1)} s for every family`;
  if (r.error) return `${head}\nFAILED: ${r.error}`;
  return `${head}\n${formatLeaderboard(r.category, r.rows)}`;
}

/** One line per category: the champion against the aims (MASE < 1; validation MAE ≤ PyTorch's). */
export function printSummary(results: readonly CategoryResult[]): string {
  const table = new Table({
    head: [
      'data set',
      'category',
      'champion',
      'MASE',
      'coverage',
      'val. MAE',
      'PyTorch val. MAE',
      'ratio',
      'seasonal naive MASE',
    ],
    style: process.stdout.isTTY ? undefined : { head: [], border: [] },
  });
  for (const r of results) {
    const champion = r.rows.find((row) => row.champion);
    const naive = r.rows.find((row) => row.family === 'SEASONAL_NAIVE');
    const reference = r.dataset === 'retail_sales_2023' ? PYTORCH_VALIDATION_MAE[r.category] : undefined;
    table.push([
      r.dataset,
      r.category,
      champion?.family ?? 'FAILED',
      champion?.backtestMase?.toFixed(3) ?? '-',
      champion?.coverage?.toFixed(2) ?? '-',
      champion?.validationMae.toFixed(1) ?? '-',
      reference?.toFixed(0) ?? '-',
      reference && champion ? `${(champion.validationMae / reference).toFixed(3)}×` : '-',
      naive?.backtestMase?.toFixed(3) ?? '-',
    ]);
  }
  return `Champions (MASE: mean backtest MASE, < 1 beats in-sample seasonal naive; coverage: leave-one-fold-out, nominal 0.90)\n${table.toString()}`;
}
