/**
 * `npm run train -- --category <name> | --all [--model M] [--epochs N] [--csv <path>] [--json] [--backend B]`
 * Trains in-process (each run in a worker thread; no server needed): by default every enabled family
 * per category (AUTO), backtested, the champion kept. Shows a progress bar per run, prints each
 * category's leaderboard and a table of the champions' metrics against the baselines (or one JSON object
 * per run with --json), and stores each champion under DATA_DIR/models where `npm start` picks it up.
 */
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config/load-config.js';
import { BACKENDS, type BackendName } from '../ml/backend.js';
import { deserializeBundle } from '../ml/model-bundle.js';
import { storeVersion } from '../ml/model-store.js';
import { startTrainingWorker } from '../training/run-training-worker.js';
import { buildTrainingJob } from '../training/training-job.js';
import { loadTrainingData } from './load-training-data.js';
import { createProgress } from './train-progress.js';
import { printResultsTable, toJsonLine, type RunResult } from './train-report.js';
import { formatLeaderboard, leaderboardRow } from './leaderboard.js';
import { parseFamilyName } from '../ml/families/family.js';
import type { RunModel } from '../training/training-job.js';
import { parsePositiveInt, runCli, UsageError } from './run-cli.js';

const LOOP_RESOLUTION_MS = 10;

const USAGE =
  'usage: npm run train -- --category <name> | --all [--model auto|cnn_lstm|seasonal_naive|ets|mstl|prophet|arima] [--epochs N] [--csv <path>] [--json] [--backend auto|wasm|cpu|tensorflow]';

/** `--model` → the run's model. @throws UsageError for an unknown name. */
function parseModel(value: string): RunModel {
  if (value.toLowerCase() === 'auto') return 'AUTO';
  const family = parseFamilyName(value);
  if (!family) throw new UsageError(`unknown --model "${value}"`);
  return family;
}

async function main(): Promise<number> {
  const { values: flags } = parseArgs({
    options: {
      category: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
      epochs: { type: 'string' },
      csv: { type: 'string' },
      json: { type: 'boolean', default: false },
      backend: { type: 'string', default: 'auto' },
      model: { type: 'string', default: 'auto' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!flags.all && !flags.category?.length)
    throw new UsageError('say which categories: --category <name> or --all');
  if (flags.all && flags.category?.length) throw new UsageError('use either --category or --all, not both');
  const backend = flags.backend as BackendName | 'auto';
  if (backend !== 'auto' && !BACKENDS.includes(backend))
    throw new UsageError(`unknown --backend "${flags.backend}"`);
  const epochs = parsePositiveInt('epochs', flags.epochs, 1000);
  const model = parseModel(flags.model);

  const config = loadConfig();
  const data = await loadTrainingData(config, {
    csv: flags.csv,
    categories: flags.all ? 'all' : flags.category!,
    hint: 'use the train mutation of the running API, pass --csv <file>',
  });
  if (data.badRows.length > 0) process.stderr.write(`${data.badRowsSummary}\n`);

  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  const progress = createProgress({ enabled: !flags.json && process.stderr.isTTY === true });
  const results: RunResult[] = [];
  for (const series of data.series) {
    const job = buildTrainingJob(config, {
      runId: randomUUID(),
      series,
      csvPath: data.csvPath,
      overrides: { epochs },
      backend,
      model,
    });
    const bar = progress.add(series.category, job.hyperparameters.epochs);
    const worker = startTrainingWorker(job, {
      onMessage: (m) => {
        if (m.type === 'epoch') bar.update(m);
        else if (m.type === 'candidate' && m.event.phase === 'started') bar.setFamily(m.event.family);
      },
    });
    const onSigint = () => worker.cancel();
    process.once('SIGINT', onSigint);
    const outcome = await worker.done;
    process.off('SIGINT', onSigint);
    bar.stop();
    const result: RunResult = { category: series.category, epochs: job.hyperparameters.epochs, outcome };
    if (outcome.type === 'done') {
      const bundle = deserializeBundle(outcome.bundle);
      result.storedIn = (await storeVersion(config.dataDir, bundle)).dir;
      result.candidates = outcome.candidates.map((c) =>
        leaderboardRow(deserializeBundle(c.bundle).meta, c.modelVersionId === outcome.modelVersionId),
      );
      if (!flags.json) progress.log(`${formatLeaderboard(series.category, result.candidates)}\n`);
    }
    results.push(result);
    if (flags.json) process.stdout.write(`${JSON.stringify(toJsonLine(result))}\n`);
  }
  progress.stop();
  loopDelay.disable();
  // The histogram measures each sampling timer's firing, so an idle loop reads ≈ the resolution: report
  // the delay beyond it.
  const p99 = Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS);
  if (!flags.json) printResultsTable(results, { eventLoopP99Ms: p99, modelsDir: config.dataDir });
  return results.every((r) => r.outcome.type === 'done') ? 0 : 1;
}

runCli(main, USAGE);
