/**
 * `npm run bench:train [-- --epochs N --backends wasm,cpu --category C]`: seconds per epoch and whole-run
 * seconds of one category's training, per data set (the sample data and, when present, the original
 * system's `../shared/data/retail_sales_2023.csv`) and per available TF.js backend, each run in a worker
 * thread like the product does, printed beside the PyTorch reference figures with the ratio. Also the
 * event loop's p99 delay in this (launching) process while the workers trained.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Table from 'cli-table3';
import { loadConfig } from '../src/config/load-config.js';
import { availableBackends, type BackendName } from '../src/ml/backend.js';
import { startTrainingWorker } from '../src/training/run-training-worker.js';
import { buildTrainingJob } from '../src/training/training-job.js';
import { loadTrainingData } from '../src/cli/load-training-data.js';
import { PYTORCH_REFERENCE, pytorchSecondsPerEpoch } from './reference-figures.js';

const { values: flags } = parseArgs({
  options: {
    epochs: { type: 'string', default: '10' },
    backends: { type: 'string' },
    category: { type: 'string' },
  },
});
const config = loadConfig();
const epochs = Number(flags.epochs);
const backends = (flags.backends?.split(',') as BackendName[] | undefined) ?? (await availableBackends());
const retail = path.resolve(config.rootDir, '../shared/data/retail_sales_2023.csv');
const datasets = [
  {
    name: 'sample',
    csv: config.data.csvPath,
    category: flags.category ?? config.data.categories?.[0] ?? 'Beauty',
  },
  ...(fs.existsSync(retail) ? [{ name: 'retail_sales_2023', csv: retail, category: 'Beauty' }] : []),
];

const table = new Table({
  head: [
    'data set',
    'category',
    'backend',
    'train windows',
    's/epoch',
    'PyTorch s/epoch',
    'ratio',
    'whole run s',
    'PyTorch whole run s',
  ],
  // Colours only on a terminal: piped output (logs, files) stays plain text.
  style: process.stdout.isTTY ? undefined : { head: [], border: [] },
});
// An idle loop reads ≈ the resolution (it times the sampling timer): figures below subtract it.
const LOOP_RESOLUTION_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
const beyondResolution = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS).toFixed(1);
for (const dataset of datasets) {
  const data = await loadTrainingData(config, { csv: dataset.csv, categories: [dataset.category] });
  const series = data.series[0]!;
  for (const backend of backends) {
    const job = buildTrainingJob(config, {
      runId: `bench-${dataset.name}-${backend}`,
      series,
      csvPath: dataset.csv,
      overrides: { epochs },
      backend,
    });
    // One fit, as the reference script does: no backtest refits in this timing.
    job.backtest = { ...job.backtest, origins: 0 };
    const started = performance.now();
    loopDelay.enable();
    const outcome = await startTrainingWorker(job).done;
    loopDelay.disable();
    const wholeRun = (performance.now() - started) / 1000;
    if (outcome.type !== 'done') {
      table.push([dataset.name, dataset.category, backend, '-', outcome.type, '-', '-', '-', '-']);
      continue;
    }
    const trainDays = Math.round(series.values.length * (1 - config.data.validationFraction));
    const windows = trainDays - config.data.windowSize;
    const reference = pytorchSecondsPerEpoch(windows);
    table.push([
      dataset.name,
      dataset.category,
      backend,
      windows,
      (outcome.secondsPerEpoch ?? NaN).toFixed(3),
      reference.toFixed(3),
      `${((outcome.secondsPerEpoch ?? NaN) / reference).toFixed(1)}×`,
      wholeRun.toFixed(2),
      dataset.name === 'retail_sales_2023' ? PYTORCH_REFERENCE.wholeRunBeautySeconds.toFixed(2) : '-',
    ]);
  }
}
console.log(table.toString());
console.log(`PyTorch reference: ${PYTORCH_REFERENCE.source}`);
console.log(
  `event loop p99 delay in the launching process while training: ${beyondResolution(loopDelay.percentile(99))} ms (max ${beyondResolution(loopDelay.max)} ms), beyond the ${LOOP_RESOLUTION_MS} ms sampling interval`,
);
