/**
 * The import's fast path on a real Postgres (a clean file: postgres-csv-stage.ts says which), on two
 * connections so that both of the database's cores work: the file is staged by COPY on both at once;
 * then the import's own connection opens the one transaction and inserts the new transaction ids, while
 * the second checks every row and sums them per category and day. If every id was new (a new export:
 * the common case) those sums go straight into SalesDay and SalesCategory; otherwise (ids seen before,
 * or repeated in the file) the insert is undone and the rows are applied the usual way (applySales), so
 * duplicates are left out exactly. A check that fails undoes everything and the careful path runs.
 * Either way the sales and the ledger's SUCCEEDED commit together, as on the careful path.
 */
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { addDailyTotals, insertNewIds, isIdRace, type SqlRunner } from '../sales/apply-sales.js';
import { applyStaged, applyStagedRows, failure } from './apply-staged.js';
import { finishImport } from './import-ledger.js';
import type { ImportJob, ImportOutcome, ImportProgress } from './import-sales-file.js';
import { throttleProgress } from './progress-throttle.js';
import {
  checkStagedCsv,
  isDataError,
  stagedRowsSql,
  stageWithPostgresCsv,
  sumStagedDays,
  type FastPathMiss,
  type StagedCsv,
} from './postgres-csv-stage.js';
import { dropTempTable, tempTableName } from './staging-table.js';

/** The server process of a connection (pg sets it from BackendKeyData; its types leave it out). */
const backendPid = (client: pg.Client) => (client as unknown as { processID: number }).processID;

/** Thrown inside the transaction when the second connection's check finds what only the careful path reads. */
class CheckMissed extends Error {
  constructor(readonly miss: string) {
    super(miss);
  }
}

/**
 * Imports `job`'s file by the fast path on `client` (the import's connection, ledger row RUNNING).
 * @returns the outcome, or why the fast path cannot take the file (nothing was written: the careful path
 *   then reads it)
 */
export async function tryFastPath(
  client: pg.Client,
  sql: SqlRunner,
  job: ImportJob,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportOutcome | FastPathMiss> {
  const helper = new pg.Client({ connectionString: job.databaseUrl });
  try {
    await helper.connect();
  } catch (error) {
    // A database at its connection limit (max_connections, or the role's CONNECTION LIMIT) still has the
    // import's own connection: the careful path needs no second one, so the file is read row by row.
    await helper.end().catch(() => undefined);
    return { miss: `no second database connection (${(error as Error).message})` };
  }
  let staged: StagedCsv | FastPathMiss | undefined;
  try {
    staged = await stageWithPostgresCsv(
      [client, helper],
      { key: job.importId, path: job.path, columns: job.columns },
      throttleProgress((bytesRead, linesRead) =>
        onProgress({ phase: 'reading', bytesRead, rowsRead: Math.max(0, linesRead - 1), badLineCount: 0 }),
      ),
    );
    if ('miss' in staged) return staged;
    const { rowsRead, bytesRead } = staged;
    const counts = { rowsRead, rowsRejected: 0, badLines: [], badLineCount: 0, bytesRead };
    if (rowsRead === 0) {
      const ending = { ...counts, ...failure('NO_ROWS', 'nothing to import: it has no data rows') };
      return { ...(await finishImport(sql, job.importId, ending)), categories: [], fastPath: true };
    }
    onProgress({ phase: 'applying', bytesRead, rowsRead, badLineCount: 0 });
    const from = staged;
    const outcome = await applyStaged(client, sql, job, from.table, counts, () =>
      applyFast(client, sql, helper, job, from),
    );
    return { ...outcome, fastPath: true };
  } catch (error) {
    if (error instanceof CheckMissed) return { miss: error.miss };
    throw error;
  } finally {
    if (staged && !('miss' in staged)) await dropTempTable(client, staged.table);
    await helper.end().catch(() => undefined);
  }
}

/** Inside the transaction: the ids here while the helper checks and sums; then the day totals. */
async function applyFast(
  client: pg.Client,
  sql: SqlRunner,
  helper: pg.Client,
  job: ImportJob,
  staged: StagedCsv,
) {
  const days = tempTableName('days', job.importId);
  const rowsSql = stagedRowsSql(staged);
  await client.query('SAVEPOINT apply_fast');
  const insert = insertNewIds(
    async (text, params) => (await client.query(text, params)).rowCount ?? 0,
    rowsSql,
    job.source,
  ).then(
    (inserted) => ({ inserted }),
    (error: unknown) => {
      if (isIdRace(error)) return { raced: true } as const;
      throw error;
    },
  );
  let inserting = true;
  void insert.finally(() => (inserting = false)).catch(() => undefined);
  const summed = checkAndSum(helper, staged, days, job.allowList).then(async (result) => {
    // The careful path will read the file: stop the insert rather than wait for it to be undone.
    if ('miss' in result && inserting)
      await helper.query('SELECT pg_cancel_backend($1)', [backendPid(client)]).catch(() => undefined);
    return result;
  });
  const [ids, check] = await Promise.allSettled([insert, summed]);
  // A failed check decides first: its cast errors are data errors, and the careful path names the rows.
  if (check.status === 'rejected') throw check.reason;
  if ('miss' in check.value) throw new CheckMissed(check.value.miss);
  if (ids.status === 'rejected') throw ids.reason;
  if ('raced' in ids.value || ids.value.inserted !== check.value.withId) {
    // Some ids were stored before, repeated in the file, or written meanwhile by another writer.
    await client.query('ROLLBACK TO SAVEPOINT apply_fast');
    return applyStagedRows(client, sql, job.source, rowsSql);
  }
  // Every row is new: its day sums are what applySales would add. Carried over from the helper by COPY.
  await client.query(`CREATE TEMP TABLE ${days.bare} (category text, day date, amount numeric, n int)`);
  await pipeline(
    helper.query(copyTo(`COPY (SELECT category, day, amount, n FROM ${days.name} ORDER BY 1, 2) TO STDOUT`)),
    client.query(copyFrom(`COPY ${days.name} FROM STDIN`)),
  );
  try {
    return await addDailyTotals(sql, `SELECT category, day, amount, n FROM ${days.name}`);
  } finally {
    await dropTempTable(client, days.name);
  }
}

/** On the helper connection: every row checked, then summed per category and day into `days`. */
async function checkAndSum(
  helper: pg.Client,
  staged: StagedCsv,
  days: { bare: string },
  allowList?: string[],
): Promise<{ withId: number } | FastPathMiss> {
  const checked = await checkStagedCsv(helper, staged, allowList);
  if ('miss' in checked) return checked;
  try {
    await sumStagedDays(helper, staged, days.bare);
  } catch (error) {
    if (isDataError(error)) return { miss: `a value could not be summed: ${(error as Error).message}` };
    throw error;
  }
  return checked;
}
