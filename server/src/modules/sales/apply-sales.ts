/**
 * The one statement that writes sales, shared by `recordSales` (rows as array parameters) and the CSV
 * import (rows from its staging table): rows with a transaction id go into SaleTransaction unless their
 * (source, id) is already there; what is new is summed per (category, day) and added to SalesDay, and
 * the categories' statistics are moved along in SalesCategory — all in one statement, so the caller's
 * transaction makes it all or nothing. Additive upserts (`amount = amount + excluded.amount`) keep
 * concurrent writers to the same day correct; every insert runs in key order so that two writers lock
 * rows in the same order (no deadlock between them). A large import whose ids are all new can run the
 * two halves as two statements (`insertNewIds`, then `addDailyTotals` from days it summed meanwhile).
 */

/** Runs one SQL statement with positional parameters: a pg client, or a Prisma transaction. */
export type SqlRunner = <T>(text: string, params: unknown[]) => Promise<T[]>;

/** A category an apply touched, with its statistics after the write. */
export interface CategoryChange {
  name: string;
  /** The category had no row before this write. */
  added: boolean;
  firstDate: string;
  lastDate: string;
  /** Days from its first to its last sale. */
  days: number;
}

export interface ApplyResult {
  /** Rows added to the daily totals. */
  accepted: number;
  /** Rows whose (source, transaction id) was stored already, or earlier in the same input. */
  duplicates: number;
  /** (category, day) totals changed. */
  days: number;
  categories: CategoryChange[];
}

/**
 * Applies rows. `rowsSql` is a SELECT of `category text, day date, amount numeric, txn text` (txn may be
 * null); `$1` is the source, and `params` fill `$2…`.
 * @param options.fromTable - `rowsSql` reads a table: scan it where needed instead of copying it first
 *   (array parameters must be evaluated once, so they are materialised)
 * @param options.ids - how new transaction ids are told from stored ones. `on-conflict` (default) is safe
 *   beside concurrent writers of the same ids. `anti-join` skips the ids already stored, then inserts
 *   plainly: about twice as fast for a large import (no speculative insertion per row), but a concurrent
 *   writer of one of the same ids makes it fail (`isIdRace`): run it under a savepoint and fall back to
 *   `on-conflict`.
 * @returns what changed; nothing is committed here (run it inside a transaction).
 */
export async function applySales(
  sql: SqlRunner,
  rowsSql: string,
  source: string,
  params: unknown[] = [],
  options: { fromTable?: boolean; ids?: 'on-conflict' | 'anti-join' } = {},
): Promise<ApplyResult> {
  const [row] = await sql<DailyResultRow & { withId: number; fresh: number }>(
    `WITH input AS ${options.fromTable ? 'NOT MATERIALIZED' : 'MATERIALIZED'} (${rowsSql}),
     fresh AS (
       INSERT INTO "SaleTransaction" ("source", "transactionId", "category", "day", "amount")
       ${newIdRows(options.ids ?? 'on-conflict')}
       RETURNING "category", "day", "amount"),
     accepted AS (
       SELECT "category", "day", "amount" FROM fresh
       UNION ALL SELECT category, day, amount FROM input WHERE txn IS NULL),
     daily AS (SELECT "category", "day", sum("amount") AS amount, count(*) AS n FROM accepted GROUP BY 1, 2),
     ${DAILY_WRITES}
     SELECT ${DAILY_RESULT},
            (SELECT count(*) FROM input WHERE txn IS NOT NULL)::int AS "withId",
            (SELECT count(*) FROM fresh)::int AS fresh`,
    [source, ...params],
  );
  return { ...dailyResult(row!), duplicates: row!.withId - row!.fresh };
}

/**
 * The rows to insert into SaleTransaction: those of `input` whose (source `$1`, id) is new. Within one
 * input one row of an id counts (DISTINCT ON). Rows go in in key order; "C" sorts several times faster
 * than the database's collation and, on C.UTF-8 (code point order), in the same order.
 */
function newIdRows(ids: 'on-conflict' | 'anti-join'): string {
  return ids === 'anti-join'
    ? `SELECT DISTINCT ON (txn COLLATE "C") $1, txn, category, day, amount FROM input
       WHERE txn IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM "SaleTransaction" t WHERE t."source" = $1 AND t."transactionId" = input.txn)
       ORDER BY txn COLLATE "C"`
    : `SELECT $1, txn, category, day, amount FROM input WHERE txn IS NOT NULL ORDER BY txn
       ON CONFLICT DO NOTHING`;
}

/** Adds a `daily` relation (category, day, amount, n) to SalesDay and SalesCategory: CTEs `days`, `cats`. */
const DAILY_WRITES = `days AS (
       INSERT INTO "SalesDay" ("category", "day", "amount")
       SELECT "category", "day", amount FROM daily ORDER BY 1, 2
       ON CONFLICT ("category", "day") DO UPDATE SET "amount" = "SalesDay"."amount" + excluded."amount"
       RETURNING 1),
     cats AS (
       INSERT INTO "SalesCategory" ("name", "firstDay", "lastDay", "total", "updatedAt")
       SELECT "category", min("day"), max("day"), sum(amount), now() FROM daily GROUP BY 1 ORDER BY 1
       ON CONFLICT ("name") DO UPDATE SET
         "firstDay" = LEAST("SalesCategory"."firstDay", excluded."firstDay"),
         "lastDay" = GREATEST("SalesCategory"."lastDay", excluded."lastDay"),
         "total" = "SalesCategory"."total" + excluded."total",
         "updatedAt" = now()
       RETURNING "name", (xmax = 0) AS added, "firstDay", "lastDay")`;

/** What `DAILY_WRITES` did, as columns `accepted`, `days`, `categories`. */
const DAILY_RESULT = `(SELECT coalesce(sum(n), 0) FROM daily)::int AS accepted,
            (SELECT count(*) FROM days)::int AS days,
            (SELECT json_agg(json_build_object('name', "name", 'added', added,
                      'firstDate', "firstDay"::text, 'lastDate', "lastDay"::text,
                      'days', "lastDay" - "firstDay" + 1) ORDER BY "name") FROM cats) AS categories`;

interface DailyResultRow {
  accepted: number;
  days: number;
  categories: CategoryChange[] | null;
}

const dailyResult = (row: DailyResultRow): Omit<ApplyResult, 'duplicates'> => ({
  accepted: row.accepted,
  days: row.days,
  categories: row.categories ?? [],
});

/**
 * The two halves of `applySales` as two statements, for an import that sums its days elsewhere meanwhile
 * (imports/import-fast-path.ts): first the new ids…
 * @param rowsSql - as for applySales (a table's rows: `fromTable`); `$1` is the source
 * @returns how many rows went into SaleTransaction (anti-join: `isIdRace` when a concurrent writer meets it)
 */
export async function insertNewIds(
  run: (text: string, params: unknown[]) => Promise<number>,
  rowsSql: string,
  source: string,
): Promise<number> {
  return run(
    `WITH input AS NOT MATERIALIZED (${rowsSql})
     INSERT INTO "SaleTransaction" ("source", "transactionId", "category", "day", "amount")
     ${newIdRows('anti-join')}`,
    [source],
  );
}

/**
 * …then the daily totals, from `dailySql`: a SELECT of `category text, day date, amount numeric, n int`
 * (rows summed per category and day). Valid only when every row was new (nothing to leave out).
 */
export async function addDailyTotals(sql: SqlRunner, dailySql: string): Promise<ApplyResult> {
  const [row] = await sql<DailyResultRow>(
    `WITH daily AS MATERIALIZED (${dailySql}), ${DAILY_WRITES} SELECT ${DAILY_RESULT}`,
    [],
  );
  return { ...dailyResult(row!), duplicates: 0 };
}

/**
 * What an `anti-join` apply meets when a concurrent writer stored one of its ids first: a unique
 * violation, or a deadlock if each waits for an id the other inserted.
 */
export function isIdRace(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return (code === '23505' && constraint === 'SaleTransaction_pkey') || code === '40P01';
}
