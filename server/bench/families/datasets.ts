/**
 * The data sets `bench:models` runs on: the shipped sample (config.yaml), the original system's data when
 * ../shared is present, and every CSV under data/real/ (real daily series made by scripts/real-data/;
 * their sources are in data/real/README.md). Each CSV is read with the configured column names.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../src/config/load-config.js';
import { loadTrainingData } from '../../src/cli/load-training-data.js';
import type { DailySeries } from '../../src/ml/data/daily-series.js';

export type BenchDataset =
  { name: string; source: string; series: DailySeries[] } | { name: string; skipped: string };

/**
 * Loads the named groups: `sample`, `retail`, `real`.
 * @param retailPath the original system's CSV. @default <repo>/../shared/data/retail_sales_2023.csv
 */
export async function benchDatasets(
  config: Config,
  names: string[],
  retailPath?: string,
): Promise<BenchDataset[]> {
  const out: BenchDataset[] = [];
  const load = async (name: string, csv: string, all: boolean): Promise<BenchDataset> => {
    const data = await loadTrainingData(config, { csv: all ? csv : undefined, categories: 'all' });
    return { name, source: path.relative(config.rootDir, csv), series: data.series };
  };
  if (names.includes('sample')) out.push(await load('sample', config.data.csvPath, false));
  if (names.includes('retail')) {
    const retail = retailPath ?? path.resolve(config.rootDir, '../shared/data/retail_sales_2023.csv');
    out.push(
      fs.existsSync(retail)
        ? await load('retail_sales_2023', retail, true)
        : { name: 'retail_sales_2023', skipped: `${retail} not found` },
    );
  }
  if (names.includes('real')) {
    const dir = path.join(config.rootDir, 'data/real');
    const files = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.csv'))
          .sort()
      : [];
    for (const file of files) out.push(await load(path.basename(file, '.csv'), path.join(dir, file), true));
  }
  return out;
}
