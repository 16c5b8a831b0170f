/**
 * Streams a transaction-level sales CSV into checked sales (date, category, amount, transaction id),
 * keeping every row it cannot use as a BadRow with its physical line number, a code and the reason.
 * Called by the sales import (`readSalesRecords`) and the CLI's `train --csv` (`readSalesCsv`); unusable
 * files raise a DataError.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import {
  checkSale,
  parseSaleDate,
  type CheckedSale,
  type CheckSaleOptions,
  type SaleProblemCode,
} from './check-sale.js';
import { DataError } from './data-error.js';

/** Header names of the columns the pipeline reads (config `data.columns`). */
export interface CsvColumns {
  date: string;
  category: string;
  amount: string;
  /** Read when the file has it (rows with an id are stored once per id); files without it are fine. */
  transactionId?: string;
}
/** One usable sale: `date` is `YYYY-MM-DD`, `amount` is finite (negative for returns). */
export interface SaleRow {
  date: string;
  category: string;
  amount: number;
}
/** A row that was not used: `line` is 1-based in the file (the header is line 1). */
export interface BadRow {
  line: number;
  code: SaleProblemCode | 'WRONG_FIELD_COUNT';
  reason: string;
}
/** Everything read from one file; `totalRows` = usable rows + bad rows (blank lines are not rows). */
export interface SalesTable {
  source: string;
  rows: SaleRow[];
  badRows: BadRow[];
  totalRows: number;
}
/** One data row of a file, read and checked: a sale or the reason it is bad. */
export type SalesCsvRecord = { line: number; sale: CheckedSale } | { line: number; bad: BadRow };

export { parseSaleDate };

const PARSE_OPTIONS = { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, raw: true };
/** Line breaks in `text` (\r\n, \r or \n each count once); a loop, as this runs once per record. */
function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count += 1;
  }
  return count;
}

function checkHeader(header: string[], columns: CsvColumns, source: string): number[] {
  const wanted = [columns.date, columns.category, columns.amount];
  const missing = wanted.filter((name) => !header.includes(name));
  const idColumn = columns.transactionId === undefined ? -1 : header.indexOf(columns.transactionId);
  if (missing.length === 0) return [...wanted.map((name) => header.indexOf(name)), idColumn];
  const list = missing.map((name) => `"${name}"`).join(', ');
  const fix = 'fix the header or data.columns in config.yaml';
  const message = `${source} is missing column ${list} (header: ${header.join(',')}); ${fix}`;
  throw new DataError('CSV_MISSING_COLUMNS', message, { source, missing, header });
}

function toRecord(
  line: number,
  fields: string[],
  indices: number[],
  width: number,
  options: CheckSaleOptions,
) {
  if (fields.length !== width) {
    const reason = `expected ${width} fields, found ${fields.length}`;
    return { line, bad: { line, code: 'WRONG_FIELD_COUNT', reason } } as const;
  }
  const [date = '', category = '', amount = '', id] = indices.map((index) => fields[index]);
  const checked = checkSale({ date, category, amount, transactionId: id }, options);
  if (!Array.isArray(checked)) return { line, sale: checked };
  const reason = checked.map((p) => p.message).join('; ');
  return { line, bad: { line, code: checked[0]!.code, reason } };
}

/** Opens a CSV for reading. @throws DataError CSV_NOT_FOUND (with the fix), CSV_UNREADABLE. */
export async function openOrThrow(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    const [code, details] = [(error as NodeJS.ErrnoException).code, { source: path }];
    if (code !== 'ENOENT') throw new DataError('CSV_UNREADABLE', `cannot open ${path}: ${code}`, details);
    const hint = 'set data.csv_path in config.yaml, or run npm run data:generate';
    throw new DataError('CSV_NOT_FOUND', `sales CSV not found: ${path} (${hint})`, details);
  }
}

function toUnreadable(error: unknown, path: string, linesRead: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (!(error instanceof CsvError) && !(error instanceof Error && 'syscall' in error)) return error;
  const message =
    error instanceof CsvError
      ? `cannot parse ${path} after line ${linesRead}: ${error.message}; fix the quoting there`
      : `cannot read ${path}: ${code}`;
  return new DataError('CSV_UNREADABLE', message, { source: path, line: linesRead + 1, cause: code });
}

export function noValidRows(table: SalesTable, sawHeader: boolean): DataError {
  const first = table.badRows[0];
  const bad = first ? `all ${table.totalRows} rows are bad, e.g. line ${first.line}: ${first.reason}` : '';
  const why = !sawHeader ? 'the file is empty' : first ? bad : 'it has only a header';
  const details = { source: table.source, totalRows: table.totalRows, badRows: table.badRows.length };
  return new DataError('CSV_NO_VALID_ROWS', `${table.source} has no usable rows (${why})`, details);
}

/** Records per batch of `readSalesRecords`: one await per batch, not per row (millions of rows). */
const BATCH_ROWS = 1000;

/**
 * Streams the records of a sales CSV (blank lines skipped, fields trimmed, a BOM ignored), each checked by
 * `checkSale`, in batches of up to 1,000. Reads as the consumer pulls, so memory stays flat whatever the size.
 * @param input - the file's bytes
 * @param options.source - the file's name, for messages
 * @throws DataError CSV_MISSING_COLUMNS (a configured column is not in the header), CSV_UNREADABLE
 *   (e.g. an unclosed quote; names the line)
 */
export async function* readSalesRecords(
  input: Readable,
  options: { source: string; columns: CsvColumns } & CheckSaleOptions,
): AsyncGenerator<SalesCsvRecord[], { sawHeader: boolean }> {
  // Lines are counted from each record's raw text (csv-parse's `lines` drifts after CRLF in quotes). No
  // on_record hook: it makes csv-parse build a context object per record, which halved the throughput.
  let linesRead = 0;
  const parser = parse(PARSE_OPTIONS);
  // Errors of either stream reach the loop below through the parser; the callback only keeps them handled.
  pipeline(input, parser, () => undefined);
  let indices: number[] | undefined; // of the date, category, amount and id columns, once the header is read
  let width = 0;
  let batch: SalesCsvRecord[] = [];
  try {
    for await (const { record: fields, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      // Blank lines before a record are in its raw text; most records start with a printable character.
      const line =
        linesRead + 1 + (raw.charCodeAt(0) > 32 ? 0 : countLineBreaks(/^\s*/.exec(raw)?.[0] ?? ''));
      linesRead += countLineBreaks(raw);
      if (indices === undefined) {
        [indices, width] = [checkHeader(fields, options.columns, options.source), fields.length];
        continue;
      }
      batch.push(toRecord(line, fields, indices, width, options));
      if (batch.length < BATCH_ROWS) continue;
      yield batch;
      batch = [];
    }
    if (batch.length) yield batch;
  } catch (error) {
    throw toUnreadable(error, options.source, linesRead);
  } finally {
    parser.destroy();
  }
  return { sawHeader: indices !== undefined };
}

/**
 * Reads a whole sales CSV into memory (the CLI's `train --csv`).
 * @param path - the file to read (relative to the process cwd)
 * @param columns - header names of the date, category and amount columns
 * @returns usable rows in file order, plus every unusable row with its line and reason
 * @throws DataError CSV_NOT_FOUND, CSV_UNREADABLE (e.g. an unclosed quote; names the line),
 *   CSV_MISSING_COLUMNS (a configured column is not in the header), CSV_NO_VALID_ROWS (nothing usable)
 */
export async function readSalesCsv(path: string, columns: CsvColumns): Promise<SalesTable> {
  const handle = await openOrThrow(path);
  const table: SalesTable = { source: path, rows: [], badRows: [], totalRows: 0 };
  const records = readSalesRecords(handle.createReadStream(), { source: path, columns });
  let next = await records.next();
  for (; !next.done; next = await records.next()) {
    for (const record of next.value) {
      table.totalRows += 1;
      if ('bad' in record) table.badRows.push(record.bad);
      else
        table.rows.push({
          date: record.sale.date,
          category: record.sale.category,
          amount: record.sale.amount,
        });
    }
  }
  if (table.rows.length === 0) throw noValidRows(table, next.value.sawHeader);
  return table;
}
