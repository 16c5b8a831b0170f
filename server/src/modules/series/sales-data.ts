/**
 * The configured sales data, read once at start-up and kept in memory: per-category daily series for the
 * `categories` and `series` queries, `predict` (the latest values) and training jobs (which get the series,
 * so workers never re-read the CSV). A configured category with no rows is listed with zero days.
 */
import type { Config } from '../../config/load-config.js';
import { buildDailySeries, type DailySeries } from '../../ml/data/daily-series.js';
import { readSalesCsv, type SalesTable } from '../../ml/data/read-sales-csv.js';

export interface CategoryStats {
  name: string;
  days: number;
  firstDate: string | null;
  lastDate: string | null;
  total: number;
}

export class SalesData {
  private readonly series = new Map<string, DailySeries>();

  private constructor(
    readonly csvPath: string,
    readonly categories: readonly string[],
    private readonly table: SalesTable,
  ) {}

  /** Reads the configured CSV. @throws DataError when the file is unusable. */
  static async load(config: Pick<Config, 'data'>): Promise<SalesData> {
    const table = await readSalesCsv(config.data.csvPath, config.data.columns);
    return new SalesData(config.data.csvPath, config.data.categories, table);
  }

  /** Rows that could not be read, for the start-up log. */
  get badRowCount(): number {
    return this.table.badRows.length;
  }

  /** True when `name` is a configured category. */
  isConfigured(name: string): boolean {
    return this.categories.includes(name);
  }

  /** The daily series, or null when the category has no rows in the file. */
  dailySeries(category: string): DailySeries | null {
    const cached = this.series.get(category);
    if (cached) return cached;
    if (!this.table.rows.some((row) => row.category === category)) return null;
    const built = buildDailySeries(this.table, category);
    this.series.set(category, built);
    return built;
  }

  /** Days, date range and total of a category (zeros when it has no rows). */
  stats(category: string): CategoryStats {
    const series = this.dailySeries(category);
    if (!series) return { name: category, days: 0, firstDate: null, lastDate: null, total: 0 };
    return {
      name: category,
      days: series.values.length,
      firstDate: series.dates[0] ?? null,
      lastDate: series.dates.at(-1) ?? null,
      total: series.values.reduce((sum, v) => sum + v, 0),
    };
  }
}
