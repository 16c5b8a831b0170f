/**
 * `npm run bench:models [-- --datasets sample,retail,real --families A,B --cnn-scalings zscore,log1p,window
 * --patience N|none --epochs N --categories A,B --retail <csv>]`: per data set and category, every family's backtest MAE and MASE, interval
 * coverage, one-step validation MAE, fit time and the champion, fitted in a worker thread exactly as
 * `trainAll` does; then a summary of the champions beside the PyTorch reference's validation MAE where
 * reference-figures.md gives one. Data sets: the shipped sample, the original system's data
 * (../shared/data/retail_sales_2023.csv, skipped with a note when absent) and the real series in data/real/.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/load-config.js';
import { parseFamilyName, type FamilyName } from '../src/ml/families/family.js';
import { CNN_LSTM_SCALINGS, type CnnLstmScaling } from '../src/ml/hyperparameters.js';
import { benchDatasets } from './families/datasets.js';
import { runCategory, type CategoryResult } from './families/run-category.js';
import { printCategory, printSummary } from './families/report.js';

const { values: flags } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'sample,retail,real' },
    families: { type: 'string' },
    'cnn-scalings': { type: 'string' },
    patience: { type: 'string' },
    epochs: { type: 'string' },
    categories: { type: 'string' },
    retail: { type: 'string' },
  },
});
const config = loadConfig();
const families: FamilyName[] = flags.families
  ? flags.families.split(',').map((f) => parseFamilyName(f) ?? (f as FamilyName))
  : [...config.models.enabled];
const scalings = (flags['cnn-scalings']?.split(',') ?? []) as CnnLstmScaling[];
for (const s of scalings) if (!CNN_LSTM_SCALINGS.includes(s)) throw new Error(`unknown scaling ${s}`);
const overrides = {
  epochs: flags.epochs ? Number(flags.epochs) : undefined,
  patience:
    flags.patience === undefined ? undefined : flags.patience === 'none' ? null : Number(flags.patience),
};
const only = flags.categories?.split(',');

const results: CategoryResult[] = [];
for (const dataset of await benchDatasets(config, flags.datasets.split(','), flags.retail)) {
  if ('skipped' in dataset) {
    process.stdout.write(`${dataset.name}: skipped (${dataset.skipped})\n`);
    continue;
  }
  process.stdout.write(`\n== ${dataset.name}: ${dataset.source}\n`);
  for (const series of dataset.series) {
    if (only && !only.includes(series.category)) continue;
    const result = await runCategory(config, {
      dataset: dataset.name,
      source: dataset.source,
      series,
      families,
      scalings,
      overrides,
    });
    results.push(result);
    process.stdout.write(`${printCategory(result)}\n`);
  }
}
process.stdout.write(`\n${printSummary(results)}\n`);
