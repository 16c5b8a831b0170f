/**
 * One TF.js training run for `bench:train`, in a worker thread as the product trains: per-epoch seconds
 * from the worker's epoch messages, the whole run (worker start to the finished model version) and the
 * last losses. CPU seconds per epoch are this process's CPU time between two epoch messages: the worker
 * is the only thread with work then, and CPU time, unlike wall time, does not count waiting for a core on
 * a busy machine. Also the small statistics the benchmark prints.
 */
import type { Config } from '../../src/config/load-config.js';
import type { BackendName } from '../../src/ml/backend.js';
import type { DailySeries } from '../../src/ml/data/daily-series.js';
import { startTrainingWorker } from '../../src/training/run-training-worker.js';
import { buildTrainingJob } from '../../src/training/training-job.js';

/** What one run measured, or why it failed. */
export type TfjsRun =
  | {
      ok: true;
      epochSeconds: number[];
      /** From the second epoch on (the first interval also holds the worker's start). */
      epochCpuSeconds: number[];
      wholeRunSeconds: number;
      trainLoss: number;
      valLoss: number;
    }
  | { ok: false; reason: string };

/** Trains `series` for `epochs` on `backend` in a fresh worker. Never throws. */
export async function runTfjs(
  config: Config,
  options: { series: DailySeries; csvPath: string; backend: BackendName; epochs: number },
): Promise<TfjsRun> {
  const job = buildTrainingJob(config, {
    runId: `bench-${options.series.category}-${options.backend}`,
    series: options.series,
    csvPath: options.csvPath,
    overrides: { epochs: options.epochs },
    backend: options.backend,
  });
  // The reference script's run: one fit of every epoch (no backtest refits, no early stopping), on the
  // original system's z-score scaling.
  job.backtest = { ...job.backtest, origins: 0 };
  job.hyperparameters = { ...job.hyperparameters, patience: null, scaling: 'zscore' };
  const epochSeconds: number[] = [];
  const epochCpuSeconds: number[] = [];
  let cpuAtLastEpoch: number | undefined;
  let losses = { trainLoss: Number.NaN, valLoss: Number.NaN };
  const started = performance.now();
  const outcome = await startTrainingWorker(job, {
    onMessage: (message) => {
      if (message.type !== 'epoch') return;
      epochSeconds.push(message.elapsedMs / 1000);
      const cpu = cpuSeconds();
      if (cpuAtLastEpoch !== undefined) epochCpuSeconds.push(cpu - cpuAtLastEpoch);
      cpuAtLastEpoch = cpu;
      losses = { trainLoss: message.trainLoss, valLoss: message.valLoss };
    },
  }).done;
  const wholeRunSeconds = (performance.now() - started) / 1000;
  if (outcome.type !== 'done') {
    return { ok: false, reason: outcome.type === 'failed' ? outcome.error.message : outcome.type };
  }
  return { ok: true, epochSeconds, epochCpuSeconds, wholeRunSeconds, ...losses };
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** The median of a non-empty list (mean of the middle two for an even length). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
