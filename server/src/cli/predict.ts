/**
 * `npm run predict -- --category <name> (--values v1,v2,… | --latest) [--horizon H] [--json]`
 * Forecasts with the newest model version the CLI stored for the category (DATA_DIR/models; after an
 * AUTO run, its champion, whatever its family): the next `horizon` days after the given values, or after
 * the last day in the sales database with --latest, with intervals.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { initBackend } from '../ml/backend.js';
import { loadLatestVersion } from '../ml/model-store.js';
import { forecastWithBundle } from '../ml/forecast-with-bundle.js';
import { DATABASE_DATASET } from '../modules/sales/sales-store.js';
import { loadTrainingData } from './load-training-data.js';
import { parsePositiveInt, runCli, UsageError } from './run-cli.js';

const USAGE =
  'usage: npm run predict -- --category <name> (--values v1,v2,… | --latest) [--horizon H] [--json]';
const MAX_HORIZON = 365;

function parseValues(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  return parts.map((part, i) => {
    const value = Number(part);
    if (part === '' || !Number.isFinite(value)) {
      throw new UsageError(`--values: item ${i + 1} ("${part}") is not a finite number`);
    }
    return value;
  });
}

async function main(): Promise<number> {
  const { values: flags } = parseArgs({
    options: {
      category: { type: 'string' },
      values: { type: 'string' },
      latest: { type: 'boolean', default: false },
      horizon: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!flags.category) throw new UsageError('--category is required');
  if (Boolean(flags.values) === flags.latest)
    throw new UsageError('give exactly one of --values or --latest');
  const horizon = parsePositiveInt('horizon', flags.horizon, MAX_HORIZON) ?? 1;
  const config = loadConfig();
  const bundle = await loadLatestVersion(config.dataDir, flags.category);
  if (!bundle) {
    throw new UsageError(
      `no model for "${flags.category}" yet: train one with npm run train -- --category "${flags.category}"`,
    );
  }
  let history: number[];
  let lastDate: string | undefined;
  if (flags.latest) {
    const hint = 'pass the window with --values v1,v2,…';
    const [series] = (await loadTrainingData(config, { categories: [flags.category], hint })).series;
    history = series!.values;
    lastDate = series!.dates.at(-1);
  } else {
    history = parseValues(flags.values!);
    if (history.length !== bundle.meta.windowSize) {
      throw new UsageError(
        `--values needs exactly ${bundle.meta.windowSize} values, the model's window (got ${history.length})`,
      );
    }
  }
  if (flags.latest && bundle.meta.dataset.source !== DATABASE_DATASET) {
    process.stderr.write(
      `note: this model was trained on ${bundle.meta.dataset.source}, not on the sales database\n`,
    );
  }
  await initBackend('auto');
  const forecast = await forecastWithBundle(bundle, history, { horizon, lastDate });
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({ category: flags.category, family: bundle.meta.family ?? 'CNN_LSTM', ...forecast })}\n`,
    );
  } else {
    process.stdout.write(
      `${flags.category} — ${bundle.meta.family ?? 'CNN_LSTM'} model ${forecast.modelVersionId} (${bundle.meta.createdAt})\n`,
    );
    forecast.values.forEach((value, i) => {
      const day = forecast.dates?.[i] ?? `t+${i + 1}`;
      const range = `${forecast.lower[i]!.toFixed(1)} … ${forecast.upper[i]!.toFixed(1)}`;
      process.stdout.write(
        `${day}  ${value.toFixed(1)}  (${Math.round(bundle.meta.interval.coverage * 100)}% interval ${range})\n`,
      );
    });
  }
  return 0;
}

runCli(main, USAGE);
