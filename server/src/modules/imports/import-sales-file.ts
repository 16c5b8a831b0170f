/**
 * One CSV import, start to finish, on a connection of its own: mark the ledger row RUNNING, recognise a
 * file imported before (same checksum), stream the file into a staging table (memory stays flat whatever
 * the size) — on a real Postgres first by the fast path (Postgres' own CSV reader, postgres-csv-stage.ts),
 * which takes only clean files; otherwise, or when it misses, by the careful path (our CSV reader and row
 * checks, which name every bad line) — then either reject it (bad rows, unless `skipBadRows`) or apply
 * the staged rows to the sales tables and mark the ledger SUCCEEDED in ONE transaction. So a crash at any
 * point leaves no partial sales. Progress goes to a callback. Run in a worker thread by the API
 * (import.worker.ts) and in-process by the CLI and the first-start seed.
 */
import fs from 'node:fs';
import pg from 'pg';
import type { CheckedSale } from '../../ml/data/check-sale.js';
import type { CsvColumns, SalesCsvRecord } from '../../ml/data/read-sales-csv.js';
import { readSalesRecords } from '../../ml/data/read-sales-csv.js';
import { DataError } from '../../ml/data/data-error.js';
import type { CategoryChange, SqlRunner } from '../sales/apply-sales.js';
import { applyStaged, applyStagedRows, failure } from './apply-staged.js';
import { tryFastPath } from './import-fast-path.js';
import { throttleProgress } from './progress-throttle.js';
import { createStagingTable, type StagingMode, type StagingTable } from './staging-table.js';
import { finishImport, markRunning, type BadLine, type ImportResult } from './import-ledger.js';

/** Everything an import needs; plain data so it crosses a thread boundary. */
export interface ImportJob {
  importId: string;
  databaseUrl: string;
  staging: StagingMode;
  path: string;
  /** The file's name as the user knows it, for messages. */
  fileName: string;
  source: string;
  skipBadRows: boolean;
  columns: CsvColumns;
  allowList?: string[];
  /** Recorded on the ledger row while it runs (claimedBy). */
  instanceId: string;
  /** false: skip the fast path (benchmarks measure the careful path with it). Default true. */
  fastPath?: boolean;
}

export interface ImportProgress {
  phase: 'reading' | 'applying';
  bytesRead: number;
  rowsRead: number;
  badLineCount: number;
}

/** What an import did; `categories` are those it wrote to (SUCCEEDED only). */
export interface ImportOutcome extends ImportResult {
  categories: CategoryChange[];
  /** The file went in by the fast path (Postgres read it: postgres-csv-stage.ts). */
  fastPath?: boolean;
  /** Why the fast path was not taken, when it was tried. */
  fastPathMiss?: string;
}

/** Bad lines kept on the ledger row (all are counted). */
export const MAX_STORED_BAD_LINES = 1000;

/** Reads the file into the staging table; returns the counts (and stops staging at a rejectable bad row). */
async function stageFile(job: ImportJob, stage: StagingTable, onProgress: (p: ImportProgress) => void) {
  const input = fs.createReadStream(job.path);
  let bytesRead = 0;
  input.on('data', (chunk) => (bytesRead += chunk.length));
  const counts = { rowsRead: 0, staged: 0, badLines: [] as BadLine[], badLineCount: 0 };
  const report = () =>
    onProgress({ phase: 'reading', bytesRead, rowsRead: counts.rowsRead, badLineCount: counts.badLineCount });
  const allowList = job.allowList && new Set(job.allowList);
  const records = readSalesRecords(input, { source: job.fileName, columns: job.columns, allowList });
  // The staging connection is busy until the COPY ends: end it however reading ends.
  try {
    await readInto(records, stage, counts, job.skipBadRows, throttleProgress(report));
  } finally {
    await stage.finish();
  }
  report();
  return { ...counts, bytesRead };
}

async function readInto(
  records: AsyncGenerator<SalesCsvRecord[], unknown>,
  stage: StagingTable,
  counts: { rowsRead: number; staged: number; badLines: BadLine[]; badLineCount: number },
  skipBadRows: boolean,
  tick: () => void,
): Promise<void> {
  for await (const batch of records as AsyncIterable<SalesCsvRecord[]>) {
    const sales: CheckedSale[] = [];
    for (const record of batch) {
      counts.rowsRead += 1;
      if ('bad' in record) {
        counts.badLineCount += 1;
        if (counts.badLines.length < MAX_STORED_BAD_LINES)
          counts.badLines.push({ line: record.line, code: record.bad.code, message: record.bad.reason });
      } else sales.push(record.sale);
    }
    // Once a bad row rejects the file, the rest is only read to list its bad lines.
    if (skipBadRows || counts.badLineCount === 0) {
      await stage.add(sales);
      counts.staged += sales.length;
    }
    tick();
  }
}

/**
 * Runs the import of ledger row `job.importId` (which must be QUEUED).
 * @returns how it ended (also written to the ledger); never throws for a bad file, only for a broken
 *   database connection (the ledger row then stays RUNNING until the reaper marks it interrupted).
 */
export async function importSalesFile(
  job: ImportJob,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<ImportOutcome> {
  const client = new pg.Client({ connectionString: job.databaseUrl });
  await client.connect();
  const sql: SqlRunner = async (text, params) => (await client.query(text, params)).rows;
  try {
    const duplicateOf = await markRunning(sql, job.importId, job.instanceId);
    if (duplicateOf)
      return {
        ...(await finishImport(sql, job.importId, { status: 'DUPLICATE', duplicateOfId: duplicateOf })),
        categories: [],
      };
    if (job.staging !== 'copy' || job.fastPath === false)
      return await importCarefully(client, sql, job, onProgress);
    const fast = await tryFastPath(client, sql, job, onProgress);
    if ('status' in fast) return fast;
    return { ...(await importCarefully(client, sql, job, onProgress)), fastPathMiss: fast.miss };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The careful path: our CSV reader and checkSale, row by row, naming every bad line. */
async function importCarefully(
  client: pg.Client,
  sql: SqlRunner,
  job: ImportJob,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportOutcome> {
  const stage = await createStagingTable(client, job.importId, job.staging);
  try {
    let read: Awaited<ReturnType<typeof stageFile>>;
    try {
      read = await stageFile(job, stage, onProgress);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      const code = error.code === 'CSV_MISSING_COLUMNS' ? 'MISSING_COLUMNS' : 'UNREADABLE';
      return { ...(await finishImport(sql, job.importId, failure(code, error.message))), categories: [] };
    }
    const counts = {
      rowsRead: read.rowsRead,
      rowsRejected: read.badLineCount,
      badLines: read.badLines,
      badLineCount: read.badLineCount,
      bytesRead: read.bytesRead,
    };
    if (read.badLineCount > 0 && !job.skipBadRows) {
      const message = `${read.badLineCount} of ${read.rowsRead} rows are bad (first: line ${read.badLines[0]!.line}: ${read.badLines[0]!.message}); nothing was imported (skipBadRows / --skip-bad-rows imports the good rows)`;
      return {
        ...(await finishImport(sql, job.importId, { ...counts, ...failure('BAD_ROWS', message) })),
        categories: [],
      };
    }
    if (read.staged === 0) {
      const why = read.rowsRead === 0 ? 'it has no data rows' : `all ${read.rowsRead} rows are bad`;
      return {
        ...(await finishImport(sql, job.importId, {
          ...counts,
          ...failure('NO_ROWS', `nothing to import: ${why}`),
        })),
        categories: [],
      };
    }
    onProgress({
      phase: 'applying',
      bytesRead: read.bytesRead,
      rowsRead: read.rowsRead,
      badLineCount: read.badLineCount,
    });
    const rowsSql = `SELECT category, day, amount, txn FROM ${stage.name}`;
    return await applyStaged(client, sql, job, stage.name, counts, () =>
      applyStagedRows(client, sql, job.source, rowsSql),
    );
  } finally {
    await stage.drop();
  }
}
