/**
 * The staging table of one import: a TEMP table on the import's own connection, filled row by row while
 * the file is read, and applied to the sales tables in one transaction at the end. Being temporary it
 * vanishes with the session, so a process killed mid-import leaves nothing behind. Filled by COPY on a
 * real Postgres; by batched `INSERT … SELECT unnest(…)` on the embedded database, whose socket server
 * cannot take COPY FROM STDIN, and whose single backend then serves other queries between batches.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CheckedSale } from '../../ml/data/check-sale.js';

/** How rows reach the staging table. */
export type StagingMode = 'copy' | 'insert';

export interface StagingTable {
  /** Quoted name, for `SELECT … FROM ${name}`. */
  readonly name: string;
  /** Adds rows; resolves when there is room for more (backpressure). */
  add(sales: readonly CheckedSale[]): Promise<void>;
  /** Flushes what is buffered; the table then holds every row added. Idempotent. */
  finish(): Promise<void>;
  /** Drops the table (idempotent; errors ignored: the session's end drops it anyway). */
  drop(): Promise<void>;
}

const COPY_CHUNK_CHARS = 1 << 16;
/** Rows per INSERT: ~50 ms each on the embedded database, so other queries wait at most that long. */
const INSERT_BATCH_ROWS = 5000;

// COPY text format: backslash, tab and line breaks are escaped; \N is NULL.
const escapeCopy = (text: string) =>
  text.replace(/[\\\t\n\r]/g, (c) => ({ '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? '\\\\');

function amountText(sale: CheckedSale): string {
  return sale.amountText ?? String(sale.amount);
}

/**
 * A temp table's name for one import: `name` schema-qualified (`pg_temp."stage_…"`, so it can only ever
 * mean the session's own table), `bare` for CREATE TEMP TABLE, which takes no schema.
 * @param key - unique per import (the import id)
 */
export function tempTableName(prefix: string, key: string): { name: string; bare: string } {
  const bare = `"${prefix}_${key.replace(/[^0-9a-z]/gi, '')}"`;
  return { name: `pg_temp.${bare}`, bare };
}

/** Drops a temp table (errors ignored: the session's end drops it anyway). */
export async function dropTempTable(client: pg.Client, name: string): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
}

/**
 * Creates the staging table for an import on `client` (which must stay open until `drop`).
 * @param key - unique per import (the import id): the table name derives from it.
 */
export async function createStagingTable(
  client: pg.Client,
  key: string,
  mode: StagingMode,
): Promise<StagingTable> {
  const { name, bare } = tempTableName('stage', key);
  await client.query(`CREATE TEMP TABLE ${bare} (category text, day date, amount numeric, txn text)`);
  const drop = () => dropTempTable(client, name);
  return mode === 'copy' ? copyTable(client, name, drop) : insertTable(client, name, drop);
}

function copyTable(client: pg.Client, name: string, drop: () => Promise<void>): StagingTable {
  const stream = client.query(copyFrom(`COPY ${name} (category, day, amount, txn) FROM STDIN`));
  const done = finished(stream);
  done.catch(() => undefined); // awaited in finish(); an early error must not go unhandled meanwhile
  let chunk = '';
  return {
    name,
    async add(sales) {
      for (const sale of sales)
        chunk += `${escapeCopy(sale.category)}\t${sale.date}\t${amountText(sale)}\t${sale.transactionId === undefined ? '\\N' : escapeCopy(sale.transactionId)}\n`;
      if (chunk.length < COPY_CHUNK_CHARS) return;
      const ok = stream.write(chunk);
      chunk = '';
      if (!ok) await Promise.race([once(stream, 'drain'), done]);
    },
    async finish() {
      if (!stream.writableEnded) stream.end(chunk);
      chunk = '';
      await done;
    },
    drop,
  };
}

function insertTable(client: pg.Client, name: string, drop: () => Promise<void>): StagingTable {
  let batch: { c: string[]; d: string[]; a: string[]; t: (string | null)[] } = { c: [], d: [], a: [], t: [] };
  const flush = async () => {
    if (batch.c.length === 0) return;
    const { c, d, a, t } = batch;
    batch = { c: [], d: [], a: [], t: [] };
    await client.query(
      `INSERT INTO ${name} SELECT * FROM unnest($1::text[], $2::date[], $3::numeric[], $4::text[])`,
      [c, d, a, t],
    );
  };
  return {
    name,
    async add(sales) {
      for (const sale of sales) {
        batch.c.push(sale.category);
        batch.d.push(sale.date);
        batch.a.push(amountText(sale));
        batch.t.push(sale.transactionId ?? null);
      }
      if (batch.c.length >= INSERT_BATCH_ROWS) await flush();
    },
    finish: flush,
    drop,
  };
}
