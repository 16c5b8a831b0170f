/**
 * What `npm run train` prints when runs end: the --json line per run (the CLI contract of PRODUCT.md)
 * and the human table of metrics against the naive and seasonal-naive baselines.
 */
import Table from 'cli-table3';
import { describeVerdict } from '../ml/evaluate.js';
import type { TerminalMessage } from '../training/worker-messages.js';
import type { LeaderboardRow } from './leaderboard.js';

export interface RunResult {
  category: string;
  epochs: number;
  outcome: TerminalMessage;
  storedIn?: string;
  /** Every candidate of the run (AUTO: one per enabled family). */
  candidates?: LeaderboardRow[];
}

/**
 * The --json object: `{category, status, backend, epochs, secondsPerEpoch, metrics, modelVersionId,
 * family, candidates: [{family, backtest: {mae, mase, coverage}, fitSeconds}]}` (PRODUCT.md).
 */
export function toJsonLine(r: RunResult): Record<string, unknown> {
  const o = r.outcome;
  if (o.type !== 'done') {
    return {
      category: r.category,
      status: o.type === 'failed' ? 'FAILED' : 'CANCELLED',
      backend: null,
      epochs: r.epochs,
      secondsPerEpoch: null,
      metrics: null,
      modelVersionId: null,
      family: null,
      candidates: [],
      ...(o.type === 'failed' ? { error: o.error } : {}),
    };
  }
  return {
    category: r.category,
    status: 'SUCCEEDED',
    backend: o.backend,
    epochs: r.epochs,
    secondsPerEpoch: o.secondsPerEpoch === null ? null : round(o.secondsPerEpoch, 4),
    metrics: o.metrics,
    modelVersionId: o.modelVersionId,
    family: o.candidates.find((c) => c.modelVersionId === o.modelVersionId)?.family ?? null,
    candidates: (r.candidates ?? []).map((c) => ({
      family: c.family,
      backtest:
        c.backtestMae === null ? null : { mae: c.backtestMae, mase: c.backtestMase, coverage: c.coverage },
      fitSeconds: round(c.fitSeconds, 3),
    })),
  };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

const fmt = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '-' : v.toFixed(digits);

/** Prints the table and the footer lines to stdout. */
export function printResultsTable(
  results: RunResult[],
  info: { eventLoopP99Ms: number; modelsDir: string },
): void {
  const table = new Table({
    head: [
      'category',
      'status',
      'champion',
      'backend',
      's/epoch',
      'MAE',
      'RMSE',
      'naive MAE',
      'seas. naive MAE',
      'MASE',
      'verdict',
    ],
    // Colours only on a terminal: piped output (CI logs, files) stays plain text.
    style: process.stdout.isTTY ? undefined : { head: [], border: [] },
  });
  for (const r of results) {
    const o = r.outcome;
    if (o.type === 'done') {
      const m = o.metrics;
      table.push([
        r.category,
        'SUCCEEDED',
        r.candidates?.find((c) => c.champion)?.family ?? '-',
        o.backend,
        fmt(o.secondsPerEpoch, 3),
        fmt(m.mae),
        fmt(m.rmse),
        fmt(m.naiveMae),
        fmt(m.seasonalNaiveMae),
        fmt(m.mase, 3),
        describeVerdict(m),
      ]);
    } else {
      const reason = o.type === 'failed' ? `${o.error.code}: ${o.error.message}` : 'cancelled';
      table.push([r.category, o.type.toUpperCase(), '-', '-', '-', '-', '-', '-', '-', '-', reason]);
    }
  }
  process.stdout.write(`${table.toString()}\n`);
  process.stdout.write(`model versions stored under ${info.modelsDir}/models (served by npm start)\n`);
  process.stdout.write(
    `event loop p99 delay in this process while training (beyond its 10 ms sampling interval): ${info.eventLoopP99Ms.toFixed(1)} ms\n`,
  );
}
