/**
 * Loads the sales CSV named by the config (or --csv) and builds the daily series of the requested
 * categories. `all` means the configured categories for the configured file, and every category found
 * in the file for a --csv file (another shop's export has its own categories).
 */
import path from 'node:path';
import type { Config } from '../config/load-config.js';
import { buildDailySeries, listCategories, type DailySeries } from '../ml/data/daily-series.js';
import { readSalesCsv, type BadRow } from '../ml/data/read-sales-csv.js';

export interface TrainingData {
  csvPath: string;
  series: DailySeries[];
  badRows: BadRow[];
  badRowsSummary: string;
}

/** @throws DataError for an unusable file or a category with no rows. */
export async function loadTrainingData(
  config: Config,
  options: { csv?: string; categories: 'all' | string[] },
): Promise<TrainingData> {
  const csvPath = options.csv
    ? path.resolve(process.env.INIT_CWD ?? process.cwd(), options.csv)
    : config.data.csvPath;
  const table = await readSalesCsv(csvPath, config.data.columns);
  const names =
    options.categories !== 'all'
      ? options.categories
      : options.csv
        ? listCategories(table)
        : config.data.categories;
  const shown = table.badRows.slice(0, 3).map((b) => `line ${b.line} (${b.reason})`);
  const more = table.badRows.length > 3 ? `, … ${table.badRows.length - 3} more` : '';
  return {
    csvPath,
    series: names.map((name) => buildDailySeries(table, name)),
    badRows: table.badRows,
    badRowsSummary: `warning: ${table.badRows.length} of ${table.totalRows} rows in ${csvPath} could not be read and were skipped: ${shown.join(', ')}${more}`,
  };
}
