/**
 * `recordSales`: up to 10,000 rows from another system, all or nothing. Every row is checked first
 * (ml/data/check-sale.ts: the CSV import's rules); any bad row rejects the call with a BAD_USER_INPUT
 * naming each bad row by index and field. The good call is one transaction (apply-sales.ts), retried on a
 * deadlock. After commit: `salesUpdated` events, forecast caches refreshed, the retrain policy applied.
 * Called by sales.resolver.ts; no GraphQL types besides coded errors.
 */
import type { PrismaClient, Run as RunRow } from '../../generated/prisma/client.js';
import { badUserInput } from '../../graphql/errors.js';
import { checkSale, type SaleFields, type SaleProblem } from '../../ml/data/check-sale.js';
import { applySales, type ApplyResult, type SqlRunner } from './apply-sales.js';
import type { RetrainPolicy } from './retrain-policy.js';
import type { SalesEvents } from './sales-events.js';
import type { SalesStore } from './sales-store.js';

/** Rows per `recordSales` call. */
export const MAX_ROWS_PER_CALL = 10_000;
/** Bad rows listed in an error (all are counted). */
const MAX_LISTED_PROBLEMS = 1000;

/** A deadlock or serialization failure (Postgres 40P01 / 40001), however the driver adapter wraps it. */
function isRetryable(error: unknown): boolean {
  const text = `${(error as Error).message} ${JSON.stringify((error as { meta?: unknown }).meta ?? {})}`;
  return /40P01|40001|deadlock detected|could not serialize/.test(text);
}

export interface RecordSalesResult extends ApplyResult {
  queuedRuns: RunRow[];
}

export interface SalesWriterOptions {
  prisma: PrismaClient;
  store: SalesStore;
  events: SalesEvents;
  policy: RetrainPolicy;
  /** Called per category whose data changed (after commit): caches to drop. */
  onCategoryChanged?: (category: string) => void;
}

// Rows travel as four parallel arrays: one parameter each, whatever the number of rows.
const ROWS_SQL =
  'SELECT * FROM unnest($2::text[], $3::date[], $4::numeric[], $5::text[]) AS r(category, day, amount, txn)';

export class SalesWriter {
  constructor(private readonly options: SalesWriterOptions) {}

  /**
   * Records sales under `source` (the namespace of their transaction ids).
   * @throws BAD_USER_INPUT (no rows, too many, any bad row: `extensions.rows` lists them); nothing is written then.
   */
  async record(rows: SaleFields[], source: string): Promise<RecordSalesResult> {
    if (rows.length === 0)
      throw badUserInput('input is empty: send 1 to 10,000 rows', { errorCode: 'NO_ROWS' });
    if (rows.length > MAX_ROWS_PER_CALL) {
      const message = `input has ${rows.length} rows; at most ${MAX_ROWS_PER_CALL} per call (split it, or import a CSV)`;
      throw badUserInput(message, { errorCode: 'TOO_MANY_ROWS', max: MAX_ROWS_PER_CALL });
    }
    const columns = {
      category: [] as string[],
      day: [] as string[],
      amount: [] as string[],
      txn: [] as (string | null)[],
    };
    const problems: (SaleProblem & { index: number })[] = [];
    rows.forEach((row, index) => {
      const checked = checkSale(row, { allowList: this.options.store.allowSet });
      if (Array.isArray(checked)) return problems.push(...checked.map((p) => ({ index, ...p })));
      columns.category.push(checked.category);
      columns.day.push(checked.date);
      columns.amount.push(String(checked.amount));
      columns.txn.push(checked.transactionId ?? null);
    });
    if (problems.length) {
      const badRows = new Set(problems.map((p) => p.index)).size;
      const first = problems[0]!;
      const message = `${badRows} of ${rows.length} rows are invalid (first: input[${first.index}].${first.field}: ${first.message}); nothing was written`;
      throw badUserInput(message, {
        errorCode: 'BAD_ROWS',
        badRows,
        rows: problems.slice(0, MAX_LISTED_PROBLEMS),
      });
    }
    const applied = await this.applyWithRetry(source, [
      columns.category,
      columns.day,
      columns.amount,
      columns.txn,
    ]);
    for (const change of applied.categories) {
      this.options.onCategoryChanged?.(change.name);
      this.options.events.publish('sales', change);
    }
    const queuedRuns = await this.options.policy.queueDue(applied.categories.map((c) => c.name));
    return { ...applied, queuedRuns };
  }

  private async applyWithRetry(source: string, params: unknown[]): Promise<ApplyResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.prisma.$transaction(
          (tx) => {
            const sql: SqlRunner = (text, values) => tx.$queryRawUnsafe(text, ...values);
            return applySales(sql, ROWS_SQL, source, params);
          },
          { timeout: 60_000, maxWait: 30_000 },
        );
      } catch (error) {
        if (attempt >= 3 || !isRetryable(error)) throw error;
      }
    }
  }
}
