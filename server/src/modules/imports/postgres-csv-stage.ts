/**
 * The import's fast path on a real Postgres: the file's bytes go untouched into `COPY … (FORMAT csv)` into
 * a temp table of text columns (Postgres parses; nothing is parsed or re-encoded in JS), then one scan in
 * SQL checks the amounts and ids and lists the distinct dates and categories, which `checkSale` (the one
 * set of rules) checks in JS. Taken only when Postgres is sure to read every row as the careful path would
 * (read-sales-csv.ts + checkSale) and every row is good: anything it cannot vouch for (a bad row, a
 * timestamp date, padded fields, a stray quote, a wrong field count, bytes that are not UTF-8) is a `miss`,
 * and the import reads the file the careful way, which names every bad line. So both paths accept the same
 * files with the same totals; this one only skips the work of reading in JS a file that is clean.
 */
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { checkSale } from '../../ml/data/check-sale.js';
import type { CsvColumns } from '../../ml/data/read-sales-csv.js';
import { CsvQuoteGuard } from './csv-quote-guard.js';

export type PostgresCsvStage =
  | {
      kind: 'staged';
      /** The staged rows as `category text, day date, amount numeric, txn text` (see applySales). */
      rowsSql: string;
      /** Quoted name of the temp table (for ANALYZE). */
      table: string;
      rowsRead: number;
      bytesRead: number;
    }
  | { kind: 'miss'; reason: string };

/** More distinct dates and categories than this and the lists are not worth fetching: take the careful path. */
const MAX_DISTINCT = 200_000;
/** Bytes read to find the header line. */
const HEADER_PROBE_BYTES = 1 << 16;

/** Header names of a file whose first line is plain (no quotes); undefined when it is not. */
function readPlainHeader(path: string): string[] | undefined {
  const probe = Buffer.alloc(HEADER_PROBE_BYTES);
  const fd = fs.openSync(path, 'r');
  let length: number;
  try {
    length = fs.readSync(fd, probe, 0, probe.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const text = probe
    .subarray(0, length)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const end = text.search(/[\r\n]/);
  if (end <= 0) return undefined; // empty first line (csv-parse skips it; COPY's HEADER would not), or no line
  const line = text.slice(0, end);
  if (line.includes('"')) return undefined;
  return line.split(',').map((name) => name.trim());
}

/** Indices of the columns read (`txn` -1 when the file has none) and the file's field count. */
interface ColumnIndices {
  date: number;
  category: number;
  amount: number;
  txn: number;
  width: number;
}

/** Where the file's columns are, or why the fast path cannot take it. */
function locateColumns(header: string[] | undefined, columns: CsvColumns): ColumnIndices | { miss: string } {
  if (!header) return { miss: 'the header is not a plain line' };
  const [date, category, amount] = [columns.date, columns.category, columns.amount].map((n) =>
    header.indexOf(n),
  );
  if (date! < 0 || category! < 0 || amount! < 0) return { miss: 'a column is missing' };
  const txn = columns.transactionId === undefined ? -1 : header.indexOf(columns.transactionId);
  return { date: date!, category: category!, amount: amount!, txn, width: header.length };
}

/** A Postgres error about the data (class 22: bad CSV, not UTF-8, a wrong field count…), not the connection. */
const isDataError = (error: unknown) => /^22/.test(String((error as { code?: string }).code));

/**
 * Tries to stage the file at `path` into a temp table on `client`.
 * @param key - unique per import (the table's name derives from it)
 * @returns `staged` with the rows' SQL, or `miss` (the temp table is then dropped, the connection usable)
 * @throws on a broken connection (as the careful path would)
 */
export async function stageWithPostgresCsv(
  client: pg.Client,
  options: { key: string; path: string; columns: CsvColumns; allowList?: string[] },
  onBytes: (bytesRead: number, linesRead: number) => void,
): Promise<PostgresCsvStage> {
  const at = locateColumns(readPlainHeader(options.path), options.columns);
  if ('miss' in at) return { kind: 'miss', reason: at.miss };
  const table = `pg_temp."stage_csv_${options.key.replace(/[^0-9a-z]/gi, '')}"`;
  const column = (i: number) => `c${i}`;
  const definition = Array.from({ length: at.width }, (_, i) => `${column(i)} text`).join(', ');
  await client.query(`CREATE TEMP TABLE ${table.slice('pg_temp.'.length)} (${definition})`);
  const miss = async (reason: string) => {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    return { kind: 'miss', reason } as const;
  };

  const guard = new CsvQuoteGuard();
  let [bytesRead, linesRead] = [0, 0];
  const watch = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytesRead += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) linesRead += 1;
      // A file the guard refuses is not worth sending on: end the COPY with an error.
      if (!guard.scan(chunk)) return callback(new Error(`unsafe for COPY: ${guard.unsafe}`));
      onBytes(bytesRead, linesRead);
      callback(null, chunk);
    },
    flush(callback) {
      callback(guard.end() ? null : new Error(`unsafe for COPY: ${guard.unsafe}`));
    },
  });
  let rowsRead: number;
  try {
    const copy = client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv, HEADER true)`));
    await pipeline(fs.createReadStream(options.path), watch, copy);
    rowsRead = copy.rowCount ?? 0;
  } catch (error) {
    if (guard.unsafe) return miss(guard.unsafe);
    if (isDataError(error)) return miss(`COPY refused it: ${(error as Error).message}`);
    if ((error as NodeJS.ErrnoException).syscall)
      return miss(`cannot read the file: ${(error as Error).message}`);
    throw error;
  }

  const [c, d, a] = [column(at.category), column(at.date), column(at.amount)];
  const t = at.txn < 0 ? undefined : column(at.txn);
  // Amounts: only the characters of a plain decimal (so no "NaN", hex, "1_000" or padding, which some
  // Postgres versions would read), then within the limit; ids: at most 100 bytes, no padding to trim.
  const amountOk = `CASE WHEN translate(${a}, '0123456789.eE+-', '') = '' AND ${a} <> ''
    THEN abs(${a}::numeric) <= 1e12 ELSE false END`;
  const idOk = t
    ? `(${t} IS NULL OR ${t} = '' OR (octet_length(${t}) <= 100 AND ${t} ~ '^[!-~](.*[!-~])?$'))`
    : 'true';
  let groups: { date: string | null; category: string | null; ok: boolean | null }[];
  try {
    ({ rows: groups } = await client.query(
      `SELECT ${d} AS date, ${c} AS category, bool_and(coalesce(${amountOk} AND ${idOk}, false)) AS ok
       FROM ${table} GROUP BY GROUPING SETS ((${d}), (${c})) LIMIT ${MAX_DISTINCT + 1}`,
    ));
  } catch (error) {
    // An amount of those characters that is still not a number ("1e", "..") fails the cast.
    if (isDataError(error)) return miss(`an amount is not a number: ${(error as Error).message}`);
    throw error;
  }
  if (groups.length > MAX_DISTINCT) return miss('too many distinct dates and categories');
  const allowList = options.allowList && new Set(options.allowList);
  for (const { date, category, ok } of groups) {
    if (!ok) return miss('an amount or a transaction id is not plain or not valid');
    // Each distinct value through checkSale, the rules the careful path applies; taken only as written.
    if (date !== null) {
      const sale = checkSale({ date, category: 'x', amount: '0' });
      if (Array.isArray(sale) || sale.date !== date)
        return miss(`date "${date}" is not a plain, valid YYYY-MM-DD`);
    } else {
      const sale =
        category === null ? [] : checkSale({ date: '2000-01-01', category, amount: '0' }, { allowList });
      if (Array.isArray(sale) || sale.category !== category)
        return miss(`category "${category}" is padded, empty, too long or not allowed`);
    }
  }
  const txn = t ? `nullif(${t}, '')` : 'NULL::text';
  return {
    kind: 'staged',
    table,
    rowsSql: `SELECT ${c} AS category, ${d}::date AS day, ${a}::numeric AS amount, ${txn} AS txn FROM ${table}`,
    rowsRead,
    bytesRead,
  };
}
