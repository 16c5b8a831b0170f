/**
 * One category of `bench:models`: an AUTO job over the chosen families in a worker thread (the product's
 * path), plus one CNN-LSTM job per extra input scaling asked for (the scaling experiment), collected as
 * leaderboard rows with the champion marked.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../src/config/load-config.js';
import { leaderboardRow, type LeaderboardRow } from '../../src/cli/leaderboard.js';
import type { DailySeries } from '../../src/ml/data/daily-series.js';
import type { FamilyName } from '../../src/ml/families/family.js';
import type { CnnLstmScaling } from '../../src/ml/hyperparameters.js';
import { deserializeBundle } from '../../src/ml/model-bundle.js';
import { startTrainingWorker } from '../../src/training/run-training-worker.js';
import { buildTrainingJob } from '../../src/training/training-job.js';

export interface CategoryResult {
  dataset: string;
  category: string;
  days: number;
  rows: LeaderboardRow[];
  /** Wall seconds of the whole AUTO job (every family, backtests, validation). */
  seconds: number;
  error?: string;
}

export interface RunCategoryOptions {
  dataset: string;
  source: string;
  series: DailySeries;
  families: FamilyName[];
  scalings: CnnLstmScaling[];
  overrides: { epochs?: number; patience?: number | null };
}

async function runJob(
  config: Config,
  options: RunCategoryOptions,
  families: FamilyName[],
  scaling?: CnnLstmScaling,
) {
  const job = buildTrainingJob(config, {
    runId: randomUUID(),
    series: options.series,
    csvPath: options.source,
    overrides: { epochs: options.overrides.epochs },
    model: 'AUTO',
  });
  job.families = families;
  if (scaling) job.hyperparameters = { ...job.hyperparameters, scaling };
  if (options.overrides.patience !== undefined)
    job.hyperparameters = { ...job.hyperparameters, patience: options.overrides.patience };
  return startTrainingWorker(job).done;
}

/** Runs the category. */
export async function runCategory(config: Config, options: RunCategoryOptions): Promise<CategoryResult> {
  const started = performance.now();
  const base = {
    dataset: options.dataset,
    category: options.series.category,
    days: options.series.values.length,
  };
  const outcome = await runJob(config, options, options.families);
  const seconds = (performance.now() - started) / 1000;
  if (outcome.type !== 'done') {
    const error = outcome.type === 'failed' ? `${outcome.error.code}: ${outcome.error.message}` : 'cancelled';
    return { ...base, rows: [], seconds, error };
  }
  const rows = outcome.candidates.map((c) =>
    leaderboardRow(deserializeBundle(c.bundle).meta, c.modelVersionId === outcome.modelVersionId),
  );
  for (const scaling of options.scalings) {
    const variant = await runJob(config, options, ['CNN_LSTM'], scaling);
    if (variant.type !== 'done') continue;
    const row = leaderboardRow(deserializeBundle(variant.bundle).meta, false);
    rows.push({ ...row, family: `CNN_LSTM[${scaling}]` });
  }
  return { ...base, rows, seconds };
}
