/**
 * Streams a transaction-level sales CSV into typed rows (date, category, amount), keeping every row it
 * cannot use as a BadRow with its physical line number and the reason. Called by the trainer, the
 * categories/series services and the CLI; unusable files raise a DataError.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { CsvError, parse, type InfoRecord } from 'csv-parse';
import { DataError } from './data-error.js';

/** Header names of the three columns the pipeline reads (config `data.columns`). */
export interface CsvColumns {
  date: string;
  category: string;
  amount: string;
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
  reason: string;
}
/** Everything read from one file; `totalRows` = usable rows + bad rows (blank lines are not rows). */
export interface SalesTable {
  source: string;
  rows: SaleRow[];
  badRows: BadRow[];
  totalRows: number;
}

const DATE_PATTERN =
  /^(\d{4})-(\d\d)-(\d\d)(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?$/;
/** Plain decimals (`12`, `-3.5`, `1e3`); "NaN", "Infinity", "0x10", "1,000" and "" are not amounts. */
const AMOUNT_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const PARSE_OPTIONS = { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, raw: true };
const countLineBreaks = (text: string): number => text.match(/\r\n|\r|\n/g)?.length ?? 0;

/**
 * Reads the calendar date of a `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or ISO timestamp value. The date is
 * taken as written (a `+02:00` offset is not converted): it is the shop's own business day.
 * @returns `YYYY-MM-DD`, or null when the text is not a real calendar date (e.g. 2023-02-30)
 */
export function parseSaleDate(text: string): string | null {
  const [, year = '', month = '', day = ''] = DATE_PATTERN.exec(text) ?? [];
  const date = `${year}-${month}-${day}`;
  // Date.UTC rolls 2023-02-30 over to March: only a real calendar day survives the round trip.
  const isRealDay = year !== '' && new Date(Date.UTC(+year, +month - 1, +day)).toISOString().startsWith(date);
  return isRealDay ? date : null;
}

function checkHeader(header: string[], columns: CsvColumns, source: string): number[] {
  const wanted = [columns.date, columns.category, columns.amount];
  const missing = wanted.filter((name) => !header.includes(name));
  if (missing.length === 0) return wanted.map((name) => header.indexOf(name));
  const list = missing.map((name) => `"${name}"`).join(', ');
  const fix = 'fix the header or data.columns in config.yaml';
  const message = `${source} is missing column ${list} (header: ${header.join(',')}); ${fix}`;
  throw new DataError('CSV_MISSING_COLUMNS', message, { source, missing, header });
}

function toSaleRow(fields: string[], indices: number[], width: number): SaleRow | string {
  if (fields.length !== width) return `expected ${width} fields, found ${fields.length}`;
  const [dateText = '', category = '', amountText = ''] = indices.map((index) => fields[index]);
  const date = parseSaleDate(dateText);
  const amount = AMOUNT_PATTERN.test(amountText) ? Number(amountText) : NaN;
  if (date !== null && Number.isFinite(amount) && category !== '') return { date, category, amount };
  const problems: string[] = [];
  if (date === null) problems.push(`invalid date "${dateText}" (expected YYYY-MM-DD)`);
  if (category === '') problems.push('empty category');
  if (!Number.isFinite(amount)) problems.push(`amount "${amountText}" is not a number`);
  return problems.join('; ');
}

async function openOrThrow(path: string): Promise<FileHandle> {
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

function noValidRows(table: SalesTable, sawHeader: boolean): DataError {
  const first = table.badRows[0];
  const bad = first ? `all ${table.totalRows} rows are bad, e.g. line ${first.line}: ${first.reason}` : '';
  const why = !sawHeader ? 'the file is empty' : first ? bad : 'it has only a header';
  const details = { source: table.source, totalRows: table.totalRows, badRows: table.badRows.length };
  return new DataError('CSV_NO_VALID_ROWS', `${table.source} has no usable rows (${why})`, details);
}

/**
 * Reads a sales CSV without loading it whole; blank lines are skipped, fields trimmed, a BOM ignored.
 * @param path - the file to read (relative to the process cwd)
 * @param columns - header names of the date, category and amount columns
 * @returns usable rows in file order, plus every unusable row with its line and reason
 * @throws DataError CSV_NOT_FOUND, CSV_UNREADABLE (e.g. an unclosed quote; names the line),
 *   CSV_MISSING_COLUMNS (a configured column is not in the header), CSV_NO_VALID_ROWS (nothing usable)
 */
export async function readSalesCsv(path: string, columns: CsvColumns): Promise<SalesTable> {
  const handle = await openOrThrow(path);
  // Lines come from raw text (csv-parse's `lines` drifts after CRLF in quotes), in order, through a FIFO.
  let linesRead = 0;
  const recordLines: number[] = [];
  const onRecord = (fields: string[], context: InfoRecord): string[] => {
    const raw = context.raw ?? '';
    recordLines.push(linesRead + 1 + countLineBreaks(/^\s*/.exec(raw)?.[0] ?? ''));
    linesRead += countLineBreaks(raw);
    return fields;
  };
  const parser = parse({ ...PARSE_OPTIONS, on_record: onRecord });
  // Errors of either stream reach the loop below through the parser; the callback only keeps them handled.
  pipeline(handle.createReadStream(), parser, () => undefined);
  const table: SalesTable = { source: path, rows: [], badRows: [], totalRows: 0 };
  let indices: number[] | undefined; // of the date, category and amount columns, once the header is read
  let width = 0;
  try {
    for await (const { record: fields } of parser as AsyncIterable<{ record: string[] }>) {
      const line = recordLines.shift() ?? linesRead;
      if (indices === undefined) {
        [indices, width] = [checkHeader(fields, columns, path), fields.length];
        continue;
      }
      table.totalRows += 1;
      const row = toSaleRow(fields, indices, width);
      if (typeof row === 'string') table.badRows.push({ line, reason: row });
      else table.rows.push(row);
    }
  } catch (error) {
    throw toUnreadable(error, path, linesRead);
  }
  if (table.rows.length === 0) throw noValidRows(table, indices !== undefined);
  return table;
}
