/**
 * Part 1 of `data.bench.ts`: import throughput. The import pipeline (staging by the fast path, where
 * Postgres reads the CSV, or the careful path, our reader and row checks; then the one apply transaction)
 * on the local Postgres and on the embedded database, beside the ceiling:
 * Postgres `COPY … (FORMAT csv)` of the same file into a bare table of its nine columns, and into one with
 * the transaction-id primary key the import also maintains. Runs the pipeline in-process (as the CLI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, type Database } from '../../src/db/db.js';
import { importSalesFile } from '../../src/modules/imports/import-sales-file.js';
import { ImportsService } from '../../src/modules/imports/imports.service.js';

const COLUMNS = {
  date: 'Date',
  category: 'Product Category',
  amount: 'Total Amount',
  transactionId: 'Transaction ID',
};

/**
 * Our import of `file` into `db`: rows/s, and the seconds spent reading+staging and applying.
 * @param fastPath - false: the careful path even on Postgres
 * @throws when the import fails, or the fast path was wanted on Postgres and missed
 */
export async function importRate(
  db: Database,
  file: string,
  rows: number,
  fastPath = true,
): Promise<{ rate: number; stageS: number; applyS: number }> {
  const row = await new ImportsService(db.prisma).create({
    path: file,
    fileName: path.basename(file),
    requestedBy: 'bench',
  });
  const started = performance.now();
  let applying = started;
  const outcome = await importSalesFile(
    {
      importId: row.id,
      databaseUrl: db.url,
      staging: db.kind === 'postgres' ? 'copy' : 'insert',
      path: file,
      fileName: row.fileName,
      source: 'bench',
      skipBadRows: false,
      columns: COLUMNS,
      instanceId: 'bench',
      fastPath,
    },
    (p) => {
      if (p.phase === 'applying') applying = performance.now();
    },
  );
  if (outcome.status !== 'SUCCEEDED') throw new Error(`import ${outcome.status}: ${outcome.error}`);
  if (fastPath && db.kind === 'postgres' && !outcome.fastPath)
    throw new Error(`the import missed its fast path: ${outcome.fastPathMiss}`);
  const ended = performance.now();
  return {
    rate: rows / ((ended - started) / 1000),
    stageS: (applying - started) / 1000,
    applyS: (ended - applying) / 1000,
  };
}

/**
 * What a Postgres COPY of the raw file writes into: a TEMP table (no WAL: the raw ingest ceiling), with or
 * without the id key, or an ordinary table with the key (WAL-logged, as every durable store is).
 */
export type CopyTarget = 'temp' | 'temp+key' | 'durable+key';

/** Rows per second of Postgres COPY of the raw file into a scratch table of `target`'s kind. */
export async function copyRate(
  databaseUrl: string,
  file: string,
  rows: number,
  target: CopyTarget,
): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const key = target === 'temp' ? '' : ', PRIMARY KEY (txn)';
    const kind = target === 'durable+key' ? '' : 'TEMP';
    await client.query(`CREATE ${kind} TABLE copy_ceiling (txn text, day date, customer text, gender text,
      age int, category text, quantity int, price numeric, amount numeric${key})`);
    const started = performance.now();
    await pipeline(
      fs.createReadStream(file),
      client.query(copyFrom('COPY copy_ceiling FROM STDIN (FORMAT csv, HEADER true)')),
    );
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await client.query('DROP TABLE IF EXISTS copy_ceiling').catch(() => undefined);
    await client.end();
  }
}

/** A fresh database: a new one on the Postgres server of `adminUrl`, or embedded in `dir`. */
export async function scratchDatabase(kind: 'postgres' | 'embedded', adminUrl: string, dir: string) {
  if (kind === 'embedded') {
    const db = await openDatabase({ dataDir: dir });
    return { db, drop: () => db.close() };
  }
  const name = `bench_data_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: dir });
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
