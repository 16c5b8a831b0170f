/**
 * Tests for readSalesCsv and parseSaleDate on the fixture test/fixtures/sales-small.csv (bad rows on
 * known lines) and on temp files for BOM/CRLF, field counts and every file-level DataError.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataError } from './data-error.js';
import { parseSaleDate, readSalesCsv } from './read-sales-csv.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/sales-small.csv', import.meta.url));
const COLUMNS = { date: 'Date', category: 'Product Category', amount: 'Total Amount' };
const HEADER =
  'Transaction ID,Date,Customer ID,Gender,Age,Product Category,Quantity,Price per Unit,Total Amount';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'read-sales-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTestCsv(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

async function readError(file: string, columns = COLUMNS): Promise<DataError> {
  const error = await readSalesCsv(file, columns).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

describe('readSalesCsv', () => {
  it('should keep valid rows and report each bad row with its physical line when the file mixes both', async () => {
    const table = await readSalesCsv(FIXTURE, COLUMNS);
    expect(table.totalRows).toBe(13);
    expect(table.rows).toHaveLength(7);
    expect(table.badRows.map((bad) => bad.line)).toEqual([5, 7, 8, 9, 13, 15]);
    expect(table.badRows[0]?.reason).toContain('invalid date "2023-02-30"');
    expect(table.badRows[1]?.reason).toContain('amount "abc" is not a number');
    expect(table.badRows[2]?.reason).toContain('invalid date "05/01/2023"');
    expect(table.badRows[3]?.reason).toBe('empty category');
    expect(table.badRows[4]?.reason).toContain('amount "" is not a number');
    expect(table.badRows[5]?.reason).toContain('amount "NaN"');
    expect(table.source).toBe(FIXTURE);
  });

  it('should take the date part of timestamps and keep negative amounts when rows hold them', async () => {
    const table = await readSalesCsv(FIXTURE, COLUMNS);
    expect(table.rows).toContainEqual({ date: '2023-01-05', category: 'Beauty', amount: 50 });
    expect(table.rows).toContainEqual({ date: '2023-01-05', category: 'Clothing', amount: 300 });
    expect(table.rows).toContainEqual({ date: '2023-01-03', category: 'Clothing', amount: -100 });
  });

  it('should count lines correctly when the file has a BOM, CRLF, blank lines and a quoted line break', async () => {
    const text = `\uFEFFDate,Product Category,Total Amount\r\n2023-01-01,"Home\r\nGarden",5\r\n\r\n2023-01-02,Home,x\r\n`;
    const table = await readSalesCsv(await writeTestCsv('crlf.csv', text), COLUMNS);
    expect(table.rows).toEqual([{ date: '2023-01-01', category: 'Home\r\nGarden', amount: 5 }]);
    expect(table.badRows).toEqual([
      { line: 5, code: 'INVALID_AMOUNT', reason: 'amount "x" is not a number' },
    ]);
  });

  it('should report a bad row when a row has more or fewer fields than the header', async () => {
    const text =
      'Date,Product Category,Total Amount\n2023-01-01,Home,5\n2023-01-02,Home,1,000\n2023-01-03,Home\n';
    const table = await readSalesCsv(await writeTestCsv('fields.csv', text), COLUMNS);
    expect(table.badRows).toEqual([
      { line: 3, code: 'WRONG_FIELD_COUNT', reason: 'expected 3 fields, found 4' },
      { line: 4, code: 'WRONG_FIELD_COUNT', reason: 'expected 3 fields, found 2' },
    ]);
  });

  it('should throw CSV_NOT_FOUND when the file does not exist', async () => {
    const error = await readError(path.join(dir, 'nope.csv'));
    expect(error.code).toBe('CSV_NOT_FOUND');
    expect(error.message).toContain('nope.csv');
  });

  it('should throw CSV_MISSING_COLUMNS naming the missing columns and the header when columns are wrong', async () => {
    const error = await readError(FIXTURE, { ...COLUMNS, category: 'Category', amount: 'Revenue' });
    expect(error.code).toBe('CSV_MISSING_COLUMNS');
    expect(error.message).toContain('"Category", "Revenue"');
    expect(error.message).toContain(`(header: ${HEADER})`);
    expect(error.details).toMatchObject({ missing: ['Category', 'Revenue'] });
  });

  it('should throw CSV_UNREADABLE with the line when a quote is never closed', async () => {
    const text = `${HEADER}\n1,2023-01-01,C1,Male,30,Beauty,1,10,10\n2,2023-01-02,C2,Male,30,"Beauty,1,10,10\n`;
    const error = await readError(await writeTestCsv('quote.csv', text));
    expect(error.code).toBe('CSV_UNREADABLE');
    expect(error.message).toContain('after line 2');
    expect(error.details).toMatchObject({ line: 3 });
  });

  it('should throw CSV_NO_VALID_ROWS when every row is bad, the file is empty or has only a header', async () => {
    const allBad = await readError(
      await writeTestCsv('bad.csv', 'Date,Product Category,Total Amount\nx,A,1\n'),
    );
    expect(allBad.code).toBe('CSV_NO_VALID_ROWS');
    expect(allBad.message).toContain('line 2: invalid date "x"');
    expect((await readError(await writeTestCsv('empty.csv', ''))).message).toContain('the file is empty');
    const headerOnly = await readError(
      await writeTestCsv('header.csv', 'Date,Product Category,Total Amount\n'),
    );
    expect(headerOnly.message).toContain('only a header');
  });
});

describe('parseSaleDate', () => {
  it('should return the calendar date when the text is a date or a timestamp', () => {
    expect(parseSaleDate('2024-02-29')).toBe('2024-02-29');
    expect(parseSaleDate('2023-01-05 14:30')).toBe('2023-01-05');
    expect(parseSaleDate('2023-01-05T23:59:59.123+02:00')).toBe('2023-01-05');
  });

  it('should return null when the day does not exist or the text is not an ISO date', () => {
    for (const text of [
      '2023-02-30',
      '2023-02-29',
      '2023-13-01',
      '2023-1-5',
      '05/01/2023',
      '2023-01-05 25:00',
      '',
    ]) {
      expect(parseSaleDate(text)).toBeNull();
    }
  });
});
