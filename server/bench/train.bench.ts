/**
 * `npm run bench:train [-- --epochs N --repeat N --backends wasm,cpu --category C --retail-csv PATH]`:
 * seconds per epoch of one category's training on each available TF.js backend (in a worker thread, as
 * the product trains) beside the original system's model in PyTorch trained on the same windows in the
 * same run (`train/pytorch_reference.py`, the machine's Python and torch), with the ratio. Data sets: the
 * sample data and, when found, the original system's `../shared/data/retail_sales_2023.csv`. Each repeat
 * runs TF.js then PyTorch back to back; figures are medians. Exits 1 when the reference could not run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Table from 'cli-table3';
import { loadConfig } from '../src/config/load-config.js';
import { availableBackends, type BackendName } from '../src/ml/backend.js';
import { prepareDataset } from '../src/ml/data/prepare-dataset.js';
import { loadTrainingData } from '../src/cli/load-training-data.js';
import { parsePositiveInt, runCli } from '../src/cli/run-cli.js';
import { resolveHyperparameters } from '../src/training/training-job.js';
import {
  describeBlas,
  findPythonWithTorch,
  runPytorchReference,
  type PytorchRun,
} from './train/pytorch-reference.js';
import { median, runTfjs, type TfjsRun } from './train/tfjs-run.js';

const USAGE = `usage: npm run bench:train [-- options]
  --epochs N          epochs per run (default 10)
  --repeat N          runs per backend and data set, each followed by a PyTorch run (default 3)
  --backends LIST     comma-separated TF.js backends (default: every one that loads here)
  --category C        category of the sample data (default: the first configured)
  --retail-csv PATH   the original system's data (default: ../shared/data/retail_sales_2023.csv above
                      the project, skipped when absent)
  PYTHON=/path/python3 picks the Python that runs the PyTorch reference (default /usr/bin/python3, python3)`;

// An idle loop reads ≈ the resolution (it times the sampling timer): figures below subtract it.
const LOOP_RESOLUTION_MS = 10;

runCli(async () => {
  const { values: flags } = parseArgs({
    options: {
      epochs: { type: 'string', default: '10' },
      repeat: { type: 'string', default: '3' },
      backends: { type: 'string' },
      category: { type: 'string' },
      'retail-csv': { type: 'string' },
    },
  });
  const config = loadConfig();
  const epochs = parsePositiveInt('epochs', flags.epochs, 1000)!;
  const repeat = parsePositiveInt('repeat', flags.repeat, 100)!;
  const backends = (flags.backends?.split(',') as BackendName[] | undefined) ?? (await availableBackends());
  const retail = flags['retail-csv'] ?? findRetailCsv(config.rootDir);
  const datasets = [
    {
      name: 'sample',
      csv: config.data.csvPath,
      category: flags.category ?? config.data.categories?.[0] ?? 'Beauty',
    },
    ...(retail && fs.existsSync(retail)
      ? [{ name: 'retail_sales_2023', csv: retail, category: 'Beauty' }]
      : []),
  ];
  console.log(`load average before: ${formatLoad()}`);
  const torch = findPythonWithTorch();
  const hp = resolveHyperparameters(config, { epochs });
  const table = new Table({
    head: [
      ...['data set', 'backend', 'train windows', 's/epoch', 'PyTorch s/epoch', 'ratio (range)'],
      ...['CPU s/epoch', 'PyTorch CPU s/epoch', 'CPU ratio', 'whole run s', 'PyTorch whole run s'],
      ...['val loss', 'PyTorch val loss'],
    ],
    // Colours only on a terminal: piped output (logs, files) stays plain text.
    style: process.stdout.isTTY ? undefined : { head: [], border: [] },
  });
  const loopDelays: { p99: number; max: number }[] = [];
  let blas: string[] = [];
  let failed = !torch.ok;
  for (const dataset of datasets) {
    const series = (await loadTrainingData(config, { csv: dataset.csv, categories: [dataset.category] }))
      .series[0]!;
    const prepared = prepareDataset(series, hp);
    const runs = new Map<BackendName, TfjsRun[]>(backends.map((b) => [b, []]));
    const references: PytorchRun[] = [];
    for (let r = 0; r < repeat; r++) {
      for (const backend of backends) {
        // A histogram per run: one re-enabled would count the PyTorch run in between as a delay.
        const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
        loopDelay.enable();
        runs.get(backend)!.push(await runTfjs(config, { series, csvPath: dataset.csv, backend, epochs }));
        loopDelay.disable();
        loopDelays.push({ p99: loopDelay.percentile(99), max: loopDelay.max });
      }
      if (torch.ok) {
        const job = {
          ...hp,
          trainInputs: prepared.train.inputs,
          trainTargets: prepared.train.targets,
          validationInputs: prepared.validation.inputs,
          validationTargets: prepared.validation.targets,
        };
        references.push(await runPytorchReference(torch.python, job));
        blas = references.at(-1)!.blas;
      }
    }
    for (const [backend, tfRuns] of runs) {
      const label = [`${dataset.name} (${dataset.category})`, backend, prepared.train.inputs.length];
      const failure = tfRuns.find((run) => !run.ok);
      if (failure && !failure.ok) {
        failed = true;
        table.push([...label, `failed: ${failure.reason}`, ...Array<string>(9).fill('')]);
        continue;
      }
      table.push([...label, ...columns(tfRuns as Extract<TfjsRun, { ok: true }>[], references)]);
    }
  }
  console.log(table.toString());
  console.log(
    torch.ok
      ? `PyTorch reference: torch ${torch.torch} via ${torch.python}, 1 thread, same windows, batch ${hp.batchSize}, train + validation pass per epoch; ${describeBlas(blas)}`
      : `PyTorch reference could not run: ${torch.reason}`,
  );
  console.log(
    `s/epoch: the median epoch of a run (wall clock), median over ${repeat} run(s); ratio: per repeat, TF.js / PyTorch. ` +
      'CPU s/epoch: the same for CPU time (epochs 2.., not counting waits for a core on a busy machine)',
  );
  console.log(
    `event loop p99 delay in the launching process while training: ${beyondResolution(median(loopDelays.map((d) => d.p99)))} ms (median of runs; max ${beyondResolution(Math.max(...loopDelays.map((d) => d.max)))} ms), beyond the ${LOOP_RESOLUTION_MS} ms sampling interval`,
  );
  console.log(`load average after: ${formatLoad()} (other processes on these cores skew every figure)`);
  return failed ? 1 : 0;
}, USAGE);

function beyondResolution(ns: number): string {
  return Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS).toFixed(1);
}

function columns(runs: Extract<TfjsRun, { ok: true }>[], references: PytorchRun[]): string[] {
  const perEpoch = runs.map((run) => median(run.epochSeconds));
  const reference = references.map((run) => median(run.epochs.map((e) => e.seconds)));
  const ratios = reference.map((ref, i) => perEpoch[i]! / ref);
  const cpu = runs.map((run) => (run.epochCpuSeconds.length ? median(run.epochCpuSeconds) : Number.NaN));
  const referenceCpu = references.map((run) => median(run.epochs.slice(1).map((e) => e.cpuSeconds)));
  const cpuRatios = referenceCpu.map((ref, i) => cpu[i]! / ref);
  const none = 'could not run';
  return [
    median(perEpoch).toFixed(3),
    reference.length ? median(reference).toFixed(3) : none,
    ratios.length
      ? `${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`
      : '-',
    median(cpu).toFixed(3),
    referenceCpu.length ? median(referenceCpu).toFixed(3) : none,
    cpuRatios.length ? `${median(cpuRatios).toFixed(2)}×` : '-',
    median(runs.map((run) => run.wholeRunSeconds)).toFixed(2),
    references.length ? median(references.map((run) => run.wholeRunSeconds)).toFixed(2) : none,
    median(runs.map((run) => run.valLoss)).toFixed(4),
    references.length ? median(references.map((run) => run.epochs.at(-1)!.valLoss)).toFixed(4) : none,
  ];
}

/** The original system's data, in a `shared/data` folder beside the project or one of its parents. */
function findRetailCsv(rootDir: string): string | undefined {
  for (let dir = path.dirname(rootDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'data', 'retail_sales_2023.csv');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function formatLoad(): string {
  return os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
}
