/**
 * Test helper: a project with every category of the sample data configured (in their usual order) and a
 * tiny model, for tests that need `trainAll` to queue several categories (the train races).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_CATEGORY_PROFILES,
  generateSampleTransactions,
  SAMPLE_HEADER,
} from '../../src/ml/data/sample-data.js';

/** Writes `sales.csv` and `config.yaml` into `dir`; @returns the config path. */
export function writeAllCategoriesProject(dir: string): string {
  const rows = generateSampleTransactions({ seed: 3, startDate: '2024-01-01', days: 120 });
  fs.writeFileSync(path.join(dir, 'sales.csv'), [SAMPLE_HEADER, ...rows].map((r) => r.join(',')).join('\n'));
  const configPath = path.join(dir, 'config.yaml');
  const categories = DEFAULT_CATEGORY_PROFILES.map((p) => p.name).join(', ');
  fs.writeFileSync(
    configPath,
    `data:\n  csv_path: sales.csv\n  categories: [${categories}]\nmodel:\n  conv_filters: 2\n  lstm_units: 2\nmlflow:\n  enabled: false\n`,
  );
  return configPath;
}

/** The outcome of a train/trainAll answer: the runs' status (QUEUED), or the error code. */
export function trainOutcome(res: {
  data?: Record<string, { status: string }[]>;
  errors?: { extensions?: { code?: string } }[];
}): string {
  if (res.errors?.length) return res.errors[0]!.extensions?.code ?? 'NO_CODE';
  return [...new Set(Object.values(res.data!)[0]!.map((r) => r.status))].join(',');
}

export const TRAIN_ALL = 'mutation { trainAll(input: { epochs: 1 }) { id status } }';
// Listed against the configured order (Beauty first), so unordered inserts would lock in opposite orders.
export const TRAIN_TWO =
  'mutation { train(input: { categories: ["Groceries", "Beauty"], epochs: 1 }) { id status } }';
