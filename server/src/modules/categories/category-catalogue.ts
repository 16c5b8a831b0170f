/**
 * The category catalogue behind `categories`, `categoriesConnection` and `category`: every category in the sales
 * database (within the allow-list), filtered by a name substring, sorted by name, total or last date,
 * paged, with its active model's last training day and how many days of data are newer. One query on
 * SalesCategory (kept in step with every write) joined to the active ModelVersion: no scan of SalesDay.
 */
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { SalesStore } from '../sales/sales-store.js';

export type CategorySortField = 'NAME' | 'TOTAL' | 'LAST_DATE';

export interface CatalogueQuery {
  /** Case-insensitive substring of the name. */
  search?: string | null;
  /** Exactly this name (case-sensitive, as stored): the one-category lookup. */
  name?: string;
  orderBy?: { field: CategorySortField; direction: 'ASC' | 'DESC' } | null;
  /** Rows to skip (the connection's cursors are offsets). */
  offset?: number;
  /** At most this many rows; undefined: all. */
  limit?: number;
}

/** A category as the API shows it (dates `YYYY-MM-DD`). */
export interface CatalogueRow {
  name: string;
  days: number;
  firstDate: string | null;
  lastDate: string | null;
  total: number;
  /** Last day of the data the active model was trained on. */
  trainedThrough: string | null;
  /** Days of data after `trainedThrough` (null without an active model). */
  newDays: number | null;
}

// Whitelisted ORDER BY expressions; nulls (allow-listed categories without sales) sort last either way.
const SORT_SQL: Record<CategorySortField, string> = {
  NAME: 'c."name"',
  TOTAL: 'c."total"',
  LAST_DATE: 'c."lastDay"',
};

export class CategoryCatalogue {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sales: SalesStore,
  ) {}

  private where(query: CatalogueQuery): Prisma.Sql {
    const allow = this.sales.allowList;
    const conditions = [
      allow ? Prisma.sql`c."name" = ANY(${[...allow]}::text[])` : Prisma.sql`TRUE`,
      query.search ? Prisma.sql`strpos(lower(c."name"), lower(${query.search})) > 0` : Prisma.sql`TRUE`,
      query.name === undefined ? Prisma.sql`TRUE` : Prisma.sql`c."name" = ${query.name}`,
    ];
    return Prisma.join(conditions, ' AND ');
  }

  /** A page of categories. */
  async list(query: CatalogueQuery = {}): Promise<CatalogueRow[]> {
    const { field, direction } = query.orderBy ?? { field: 'NAME', direction: 'ASC' };
    const dir = direction === 'DESC' ? 'DESC' : 'ASC';
    const order = Prisma.raw(`${SORT_SQL[field]} ${dir} NULLS LAST, c."name" ${dir}`);
    const limit = query.limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${query.limit}`;
    return this.prisma.$queryRaw<CatalogueRow[]>`
      SELECT c."name", c."firstDay"::text AS "firstDate", c."lastDay"::text AS "lastDate",
             coalesce(c."lastDay" - c."firstDay" + 1, 0)::int AS "days", c."total"::float8 AS "total",
             mv."dataLastDay"::text AS "trainedThrough",
             GREATEST(c."lastDay" - mv."dataLastDay", 0)::int AS "newDays"
        FROM "SalesCategory" c
        LEFT JOIN "ModelVersion" mv ON mv."category" = c."name" AND mv."active"
       WHERE ${this.where(query)}
       ORDER BY ${order}
       ${limit} OFFSET ${query.offset ?? 0}`;
  }

  /** How many categories match (for `totalCount`). */
  async count(query: CatalogueQuery = {}): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "SalesCategory" c WHERE ${this.where(query)}`;
    return row!.n;
  }
}
