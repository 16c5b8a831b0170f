/**
 * The one transaction that ends an import: the staged rows applied to the sales tables and the ledger
 * row marked SUCCEEDED together, so a crash at any point leaves no partial sales. Shared by the careful
 * path (import-sales-file.ts) and the fast path (import-fast-path.ts), which differ only in how they apply.
 */
import type pg from 'pg';
import { applySales, isIdRace, type ApplyResult, type SqlRunner } from '../sales/apply-sales.js';
import { finishImport, type ImportResult } from './import-ledger.js';
import type { ImportJob, ImportOutcome } from './import-sales-file.js';

const APPLY_WORK_MEM = '64MB';

/** A ledger ending that did not succeed: REJECTED for bad rows, FAILED otherwise. */
export function failure(code: string, error: string): Pick<ImportResult, 'status' | 'errorCode' | 'error'> {
  return { status: code === 'BAD_ROWS' ? 'REJECTED' : 'FAILED', errorCode: code, error };
}

/**
 * Applies staged rows by the fast `anti-join` path; if a concurrent `recordSales` or import stored one of
 * the same transaction ids meanwhile, undoes that attempt and applies by `on-conflict`.
 * @param rowsSql - the staged rows as applySales reads them (a table's: `fromTable`)
 */
export async function applyStagedRows(
  client: pg.Client,
  sql: SqlRunner,
  source: string,
  rowsSql: string,
): Promise<ApplyResult> {
  await client.query('SAVEPOINT apply_anti_join');
  try {
    const applied = await applySales(sql, rowsSql, source, [], { fromTable: true, ids: 'anti-join' });
    await client.query('RELEASE SAVEPOINT apply_anti_join');
    return applied;
  } catch (error) {
    if (!isIdRace(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT apply_anti_join');
    return applySales(sql, rowsSql, source, [], { fromTable: true, ids: 'on-conflict' });
  }
}

/**
 * Runs `apply` in the transaction that also marks the ledger SUCCEEDED.
 * @param table - the staging table (analysed first)
 * @returns the outcome; DUPLICATE when another import of the same bytes committed first
 * @throws what `apply` throws (after ROLLBACK)
 */
export async function applyStaged(
  client: pg.Client,
  sql: SqlRunner,
  job: ImportJob,
  table: string,
  counts: Partial<ImportResult>,
  apply: () => Promise<ApplyResult>,
): Promise<ImportOutcome> {
  await client.query('BEGIN');
  try {
    // A temp table is never auto-analysed: without statistics the planner guesses its size badly.
    await client.query(`ANALYZE ${table}`);
    // Sorting and grouping a million rows in the default 4 MB spills to disk.
    await client.query(`SET LOCAL work_mem = '${APPLY_WORK_MEM}'`);
    const applied = await apply();
    const result = await finishImport(sql, job.importId, {
      ...counts,
      status: 'SUCCEEDED',
      rowsAccepted: applied.accepted,
      rowsDuplicate: applied.duplicates,
      daysTouched: applied.days,
      categoriesTouched: applied.categories.length,
      categoriesAdded: applied.categories.filter((c) => c.added).length,
    });
    await client.query('COMMIT');
    return { ...result, categories: applied.categories };
  } catch (error) {
    await client.query('ROLLBACK');
    // Another import of the same bytes committed first (partial unique index on checksum).
    if (
      (error as { code?: string }).code === '23505' &&
      /checksum/.test(String((error as { constraint?: string }).constraint))
    )
      return { ...(await finishImport(sql, job.importId, { status: 'DUPLICATE' })), categories: [] };
    throw error;
  }
}
