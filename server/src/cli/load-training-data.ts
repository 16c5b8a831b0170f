/**
 * The daily series the CLI trains on: from the sales database (the default), or from a CSV file with
 * --csv. `all` means every category with sales in the database (within data.categories when set), or
 * every category found in the --csv file (another shop's export has its own categories).
 */
import path from 'node:path';
import type { Config } from '../config/load-config.js';
import { buildDailySeries, listCategories, type DailySeries } from '../ml/data/daily-series.js';
import { DataError } from '../ml/data/data-error.js';
import { readSalesCsv, type BadRow } from '../ml/data/read-sales-csv.js';
import { DATABASE_DATASET } from '../modules/sales/sales-store.js';
import { openCliDatabase } from './open-cli-database.js';

export interface TrainingData {
  /** The CSV path, or "database". */
  csvPath: string;
  series: DailySeries[];
  badRows: BadRow[];
  badRowsSummary: string;
}

/** @throws DataError for an unusable file or a category with no rows; DatabaseInUseError. */
export async function loadTrainingData(
  config: Config,
  options: { csv?: string; categories: 'all' | string[]; hint?: string },
): Promise<TrainingData> {
  if (!options.csv) return loadFromDatabase(config, options.categories, options.hint ?? 'pass --csv <file>');
  const csvPath = path.resolve(process.env.INIT_CWD ?? process.cwd(), options.csv);
  const table = await readSalesCsv(csvPath, config.data.columns);
  const names = options.categories === 'all' ? listCategories(table) : options.categories;
  const shown = table.badRows.slice(0, 3).map((b) => `line ${b.line} (${b.reason})`);
  const more = table.badRows.length > 3 ? `, … ${table.badRows.length - 3} more` : '';
  return {
    csvPath,
    series: names.map((name) => buildDailySeries(table, name)),
    badRows: table.badRows,
    badRowsSummary: `warning: ${table.badRows.length} of ${table.totalRows} rows in ${csvPath} could not be read and were skipped: ${shown.join(', ')}${more}`,
  };
}

async function loadFromDatabase(
  config: Config,
  categories: 'all' | string[],
  hint: string,
): Promise<TrainingData> {
  const { db, sales } = await openCliDatabase(config, hint);
  try {
    const names = categories === 'all' ? await sales.namesWithSales() : categories;
    const series: DailySeries[] = [];
    for (const name of names) {
      const daily = await sales.dailySeries(name);
      if (!daily) {
        const message = `category "${name}" has no sales in the database (npm run import -- --csv <file> adds some)`;
        throw new DataError('CATEGORY_NOT_FOUND', message, { category: name });
      }
      series.push(daily);
    }
    return { csvPath: DATABASE_DATASET, series, badRows: [], badRowsSummary: '' };
  } finally {
    await db.close();
  }
}
