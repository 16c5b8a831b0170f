/**
 * The import's fast path on a real Postgres, its reading half: the file's bytes go untouched into
 * `COPY … (FORMAT csv)` into a temp table of text columns (Postgres parses; nothing is parsed or
 * re-encoded in JS), on each of the import's connections at once (a temp table is its session's own, and
 * the fast path works on two: import-fast-path.ts). Then one scan in SQL checks the amounts and ids and
 * lists the distinct dates and categories, which `checkSale` (the one set of rules) checks in JS. A file
 * is taken only when Postgres is sure to read every row as the careful path would (read-sales-csv.ts +
 * checkSale) and every row is good: anything it cannot vouch for (a bad row, padded fields, a stray quote, a wrong field count, bytes that are not UTF-8) is a `miss`, and the import reads
 * the file the careful way, which names every bad line. So both paths accept the same files with the same
 * totals; this one only skips the work of reading in JS a file that is clean.
 */
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { checkSale } from '../../ml/data/check-sale.js';
import type { CsvColumns } from '../../ml/data/read-sales-csv.js';
import { CsvQuoteGuard } from './csv-quote-guard.js';
import { dropTempTable, tempTableName } from './staging-table.js';

/** A file staged by COPY, as the same temp table on each connection it was staged on. */
export interface StagedCsv {
  /** Quoted name of the temp table (the same on every connection). */
  table: string;
  /** The SQL columns (text) holding the values read. */
  columns: { date: string; category: string; amount: string; txn?: string };
  rowsRead: number;
  bytesRead: number;
}

/** Why the fast path cannot take a file (the careful path will). */
export interface FastPathMiss {
  miss: string;
}

/**
 * A timestamp whose day the careful path takes as written (check-sale.ts's DATE_PATTERN, in POSIX form:
 * `[0-9]`, as Postgres's `\d` may match other digits in some locales). Its first 10 characters are the day.
 */
const TIMESTAMP_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$';

/**
 * The day of a staged date value: a timestamp's first 10 characters, anything else as written (for
 * `checkSale` to judge). The check groups by it, so a file of timestamps has one group per day.
 */
const dayText = (column: string) =>
  `CASE WHEN octet_length(${column}) > 10 AND ${column} ~ '${TIMESTAMP_PATTERN}' THEN left(${column}, 10) ELSE ${column} END`;

/**
 * The day of a checked date value, as a date. A plain day is cast as it is (octet_length is free; left()
 * on 2.4M rows cost ~0.1-0.4 s per query), a timestamp by its first 10 characters (Postgres's own date
 * input would refuse offsets such as -99:99, which the careful path reads past).
 */
const dayOf = (column: string) =>
  `CASE WHEN octet_length(${column}) = 10 THEN ${column}::date ELSE left(${column}, 10)::date END`;

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
export const isDataError = (error: unknown) => /^22/.test(String((error as { code?: string }).code));

/**
 * Stages the file at `path` by COPY into the same temp table on every one of `clients`, reading it once.
 * @param key - unique per import (the table's name derives from it)
 * @returns the staged file, or why the fast path cannot take it (the tables are then dropped)
 * @throws on a broken connection (as the careful path would)
 */
export async function stageWithPostgresCsv(
  clients: readonly pg.Client[],
  options: { key: string; path: string; columns: CsvColumns },
  onBytes: (bytesRead: number, linesRead: number) => void,
): Promise<StagedCsv | FastPathMiss> {
  const at = locateColumns(readPlainHeader(options.path), options.columns);
  if ('miss' in at) return at;
  const { name: table, bare } = tempTableName('stage_csv', options.key);
  const column = (i: number) => `c${i}`;
  const definition = Array.from({ length: at.width }, (_, i) => `${column(i)} text`).join(', ');
  await Promise.all(clients.map((client) => client.query(`CREATE TEMP TABLE ${bare} (${definition})`)));
  const miss = async (reason: string): Promise<FastPathMiss> => {
    await Promise.all(clients.map((client) => dropTempTable(client, table)));
    return { miss: reason };
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
  const copies = clients.map((client) =>
    client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv, HEADER true)`)),
  );
  // One read of the file feeds every COPY (pipe waits for the slowest).
  for (const copy of copies) watch.pipe(copy);
  try {
    await Promise.all([
      pipeline(fs.createReadStream(options.path), watch),
      ...copies.map((c) => finished(c)),
    ]);
  } catch (error) {
    // Whichever failed, abort them all (a COPY destroyed with an error is cancelled: CopyFail).
    watch.destroy();
    for (const copy of copies) copy.destroy(error as Error);
    await Promise.allSettled(copies.map((copy) => finished(copy)));
    if (guard.unsafe) return miss(guard.unsafe);
    if (isDataError(error)) return miss(`COPY refused it: ${(error as Error).message}`);
    if ((error as NodeJS.ErrnoException).syscall)
      return miss(`cannot read the file: ${(error as Error).message}`);
    throw error;
  }
  return {
    table,
    columns: {
      date: column(at.date),
      category: column(at.category),
      amount: column(at.amount),
      txn: at.txn < 0 ? undefined : column(at.txn),
    },
    rowsRead: copies[0]!.rowCount ?? 0,
    bytesRead,
  };
}

/** The staged rows as applySales reads them (`category, day, amount, txn`); valid once checked. */
export function stagedRowsSql({ table, columns: { category, date, amount, txn } }: StagedCsv): string {
  const id = txn ? `nullif(${txn}, '')` : 'NULL::text';
  // Once checked, every date is a plain YYYY-MM-DD or a timestamp that starts with one (dayText).
  return `SELECT ${category} AS category, ${dayOf(date)} AS day, ${amount}::numeric AS amount, ${id} AS txn FROM ${table}`;
}

/**
 * Checks every staged row (one scan) and each distinct date and category (`checkSale`).
 * @returns how many rows carry a transaction id, or why the careful path must read the file
 */
export async function checkStagedCsv(
  client: pg.Client,
  staged: StagedCsv,
  allowList?: string[],
): Promise<{ withId: number } | FastPathMiss> {
  const { table, columns } = staged;
  const { category: c, date: d, amount: a, txn: t } = columns;
  // Amounts: only the characters of a plain decimal (so no "NaN", hex, "1_000" or padding, which some
  // Postgres versions would read), then within the limit; ids: at most 100 bytes, no padding to trim.
  const amountOk = `CASE WHEN translate(${a}, '0123456789.eE+-', '') = '' AND ${a} <> ''
    THEN abs(${a}::numeric) <= 1e12 ELSE false END`;
  const idOk = t
    ? `(${t} IS NULL OR ${t} = '' OR (octet_length(${t}) <= 100 AND ${t} ~ '^[!-~](.*[!-~])?$'))`
    : 'true';
  const withId = t ? `count(nullif(${t}, ''))` : '0';
  let groups: { byDate: boolean; value: string | null; ok: boolean | null; withId: number }[];
  try {
    ({ rows: groups } = await client.query(
      `SELECT GROUPING(${c}) = 1 AS "byDate", coalesce(${dayText(d)}, ${c}) AS value,
              bool_and(coalesce(${amountOk} AND ${idOk}, false)) AS ok, ${withId}::int AS "withId"
       FROM ${table} GROUP BY GROUPING SETS ((${dayText(d)}), (${c})) LIMIT ${MAX_DISTINCT + 1}`,
    ));
  } catch (error) {
    // An amount of those characters that is still not a number ("1e", "..") fails the cast.
    if (isDataError(error)) return { miss: `an amount is not a number: ${(error as Error).message}` };
    throw error;
  }
  if (groups.length > MAX_DISTINCT) return { miss: 'too many distinct dates and categories' };
  const allowed = allowList && new Set(allowList);
  let rowsWithId = 0;
  for (const { byDate, value, ok, withId: n } of groups) {
    if (!ok) return { miss: 'an amount or a transaction id is not plain or not valid' };
    // Each distinct value through checkSale, the rules the careful path applies; taken only as written.
    if (byDate) {
      rowsWithId += n;
      const sale = value === null ? [] : checkSale({ date: value, category: 'x', amount: '0' });
      if (Array.isArray(sale) || sale.date !== value)
        return { miss: `date "${value}" is not a plain, valid YYYY-MM-DD` };
    } else {
      const sale =
        value === null
          ? []
          : checkSale({ date: '2000-01-01', category: value, amount: '0' }, { allowList: allowed });
      if (Array.isArray(sale) || sale.category !== value)
        return { miss: `category "${value}" is padded, empty, too long or not allowed` };
    }
  }
  return { withId: rowsWithId };
}

/**
 * Sums the staged rows per category and day into a new temp table `into` (its bare name: category text, day date,
 * amount numeric, n int): what applySales would add to SalesDay when every row is new. Run once checked.
 */
export async function sumStagedDays(client: pg.Client, staged: StagedCsv, into: string): Promise<void> {
  const { category, date, amount } = staged.columns;
  await client.query(
    `CREATE TEMP TABLE ${into} AS SELECT ${category} AS category, ${dayOf(date)} AS day,
       sum(${amount}::numeric) AS amount, count(*)::int AS n FROM ${staged.table} GROUP BY 1, 2`,
  );
}
