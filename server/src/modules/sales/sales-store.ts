/**
 * Reads of the sales in the database: a category's zero-filled daily series (what `series`, `predict`
 * and training jobs read, as the `DailySeries` of ml/data/daily-series.ts), a category's statistics, and
 * the checks "is this a category we offer?" with the optional allow-list (config `data.categories`).
 * Writes live in sales-writer.ts and the import; the catalogue listing in category-catalogue.ts.
 */
import type { PrismaClient } from '../../generated/prisma/client.js';
import { fromDayNumber, type DailySeries } from '../../ml/data/daily-series.js';
import type { CategoryChange } from './apply-sales.js';

/** What training jobs and forecasts read: a category's whole daily series, or null when it has no sales. */
export interface DailySeriesReader {
  dailySeries(category: string): Promise<DailySeries | null>;
}

/** A category's statistics (dates as day numbers since 1970-01-01; null when it has no sales yet). */
export interface CategoryStats {
  name: string;
  firstDay: number | null;
  lastDay: number | null;
  total: number;
}

/** Label of the data a run trains on (Run.dataset, the model's metadata, the MLflow `dataset` tag). */
export const DATABASE_DATASET = 'database';

export class SalesStore implements DailySeriesReader {
  private readonly allowed?: ReadonlySet<string>;

  constructor(
    private readonly prisma: PrismaClient,
    /** config `data.categories`; undefined: every category in the data. */
    readonly allowList?: readonly string[],
  ) {
    this.allowed = allowList && new Set(allowList);
  }

  /** The allow-list as a set, for write checks. */
  get allowSet(): ReadonlySet<string> | undefined {
    return this.allowed;
  }

  /** False for a category outside the allow-list (always true without one). */
  isAllowed(name: string): boolean {
    return !this.allowed || this.allowed.has(name);
  }

  /** Statistics of the categories among `names` that exist and are allowed (one query). */
  async stats(names: readonly string[]): Promise<Map<string, CategoryStats>> {
    const wanted = names.filter((name) => this.isAllowed(name));
    if (wanted.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<CategoryStats[]>`
      SELECT "name", ("firstDay" - DATE '1970-01-01') AS "firstDay", ("lastDay" - DATE '1970-01-01') AS "lastDay",
             "total"::float8 AS "total"
        FROM "SalesCategory" WHERE "name" = ANY(${wanted}::text[])`;
    return new Map(rows.map((row) => [row.name, row]));
  }

  /** A category's statistics, or null when it is unknown or not allowed. */
  async category(name: string): Promise<CategoryStats | null> {
    return (await this.stats([name])).get(name) ?? null;
  }

  /** Allowed categories that have sales, by name (what `trainAll` trains). */
  async namesWithSales(): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ name: string }[]>`
      SELECT "name" FROM "SalesCategory" WHERE "lastDay" IS NOT NULL ORDER BY "name"`;
    return rows.map((row) => row.name).filter((name) => this.isAllowed(name));
  }

  /**
   * The zero-filled daily series of a category between `fromDay` and `toDay` (day numbers, inclusive,
   * clamped to its first and last sale); `known`: its statistics when the caller has just read them.
   * @returns null when the category has no sales or is not allowed.
   */
  async seriesBetween(
    category: string,
    fromDay?: number,
    toDay?: number,
    known?: CategoryStats | null,
  ): Promise<DailySeries | null> {
    const stats = known === undefined ? await this.category(category) : known;
    if (stats?.firstDay == null || stats.lastDay == null) return null;
    const first = Math.max(stats.firstDay, fromDay ?? -Infinity);
    const last = Math.min(stats.lastDay, toDay ?? Infinity);
    const series: DailySeries = { category, dates: [], values: [] };
    if (first > last) return series;
    const rows = await this.prisma.$queryRaw<{ day: number; amount: number }[]>`
      SELECT ("day" - DATE '1970-01-01') AS "day", "amount"::float8 AS "amount" FROM "SalesDay"
       WHERE "category" = ${category}
         AND "day" BETWEEN DATE '1970-01-01' + ${first}::int AND DATE '1970-01-01' + ${last}::int
       ORDER BY "day"`;
    let next = 0;
    for (let day = first; day <= last; day += 1) {
      const row = rows[next];
      const hit = row !== undefined && row.day === day;
      if (hit) next += 1;
      series.dates.push(fromDayNumber(day));
      series.values.push(hit ? row.amount : 0);
    }
    return series;
  }

  /** The last `days` days of a category (zero-filled), or null when it has no sales. */
  async latestWindow(category: string, days: number): Promise<DailySeries | null> {
    const stats = await this.category(category);
    if (stats?.lastDay == null) return null;
    return this.seriesBetween(category, stats.lastDay - days + 1, stats.lastDay, stats);
  }

  /** The whole zero-filled series (training jobs). */
  dailySeries(category: string): Promise<DailySeries | null> {
    return this.seriesBetween(category);
  }

  /** Categories with sales whose data changed at or after `since` (what `salesUpdated` would have said). */
  async changedSince(since: Date): Promise<CategoryChange[]> {
    const rows = await this.prisma.$queryRaw<CategoryChange[]>`
      SELECT "name", false AS "added", "firstDay"::text AS "firstDate", "lastDay"::text AS "lastDate",
             ("lastDay" - "firstDay" + 1) AS "days"
        FROM "SalesCategory" WHERE "updatedAt" >= ${since} AND "lastDay" IS NOT NULL ORDER BY "name"`;
    return rows.filter((row) => this.isAllowed(row.name));
  }

  /** True when no sale and no import was ever stored (the configured CSV then seeds it). */
  async isEmpty(): Promise<boolean> {
    const [row] = await this.prisma.$queryRaw<{ empty: boolean }[]>`
      SELECT NOT EXISTS (SELECT 1 FROM "SalesDay") AND NOT EXISTS (SELECT 1 FROM "SalesImport") AS "empty"`;
    return row!.empty;
  }

  /** Gives every allow-listed category a row (no sales yet: no dates, total 0), so `categories` lists it. */
  async registerAllowList(): Promise<void> {
    if (!this.allowList?.length) return;
    await this.prisma.$executeRaw`
      INSERT INTO "SalesCategory" ("name") SELECT unnest(${[...this.allowList]}::text[])
      ON CONFLICT ("name") DO NOTHING`;
  }
}
