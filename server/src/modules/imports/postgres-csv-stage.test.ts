/**
 * The import's fast path (Postgres reads the CSV) against the careful path (our reader, row by row) on a
 * real Postgres: for each file, clean or tricky, both must end the same way and leave the same rows; the
 * fast path must be taken for clean files and step aside for everything it cannot vouch for.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../../test/utils/test-database.js';
import { importSalesFile, type ImportOutcome } from './import-sales-file.js';
import type { StagingMode } from './staging-table.js';
import { ImportsService } from './imports.service.js';

const COLUMNS = { date: 'Date', category: 'Category', amount: 'Amount', transactionId: 'Txn' };
const HEADER = 'Txn,Date,Category,Amount';

/** Each case: the file's text, whether the fast path may take it, and a file imported before it. */
const CASES: { name: string; text: string; fast: boolean; allowList?: string[]; before?: string }[] = [
  {
    name: 'clean',
    text: `${HEADER}\nt1,2025-01-01,Kites,10\nt2,2025-01-01,Kites,-2.5\nt3,2025-01-02,Drums,1e3\n`,
    fast: true,
  },
  {
    name: 'crlf and no final newline',
    text: `${HEADER}\r\nt1,2025-01-01,Kites,10\r\nt2,2025-01-02,Kites,+5.`,
    fast: true,
  },
  {
    name: 'quoted fields',
    text: `${HEADER}\n"t1","2025-01-01","Toys, ""big""",".5"\nt2,2025-01-01,"Two\nlines",3\n`,
    fast: true,
  },
  {
    name: 'no id column',
    text: 'Date,Category,Amount\n2025-01-01,Kites,1\n2025-01-01,Kites,1\n',
    fast: true,
  },
  { name: 'empty ids', text: `${HEADER}\n,2025-01-01,Kites,1\n"",2025-01-01,Kites,2\n`, fast: true },
  {
    name: 'ids stored before',
    text: `${HEADER}\nt1,2025-01-01,Kites,1\nt2,2025-01-02,Kites,2\n`,
    before: `${HEADER}\nt1,2025-01-01,Kites,1\n`,
    fast: true,
  },
  { name: 'repeated id', text: `${HEADER}\nt1,2025-01-01,Kites,1\nt1,2025-01-01,Kites,1\n`, fast: true },
  { name: 'byte order mark', text: `\uFEFF${HEADER}\nt1,2025-01-01,Kites,1\n`, fast: true },
  { name: 'padded fields', text: `${HEADER}\nt1, 2025-01-01 , Kites ,10\n`, fast: false },
  { name: 'padded id', text: `${HEADER}\n t1 ,2025-01-01,Kites,10\n`, fast: false },
  {
    name: 'timestamp dates',
    text: `${HEADER}\nt1,2025-01-01T10:00:00Z,Kites,10\nt2,2025-01-01 23:59,Kites,1\nt3,2025-01-02T00:00:00.123+02:00,Kites,2\nt4,2025-01-02,Drums,3\nt5,2025-01-03 08:15:00-0500,Drums,4\n`,
    fast: true,
  },
  {
    name: 'timestamps, ids stored before',
    text: `${HEADER}\nt1,2025-01-01T10:00:00Z,Kites,1\nt2,2025-01-02 09:00,Kites,2\n`,
    before: `${HEADER}\nt1,2025-01-01,Kites,1\n`,
    fast: true,
  },
  {
    // Read as its day by both paths; Postgres's own date input would refuse the offset.
    name: 'timestamp with an offset out of range',
    text: `${HEADER}\nt1,2025-01-01T10:00:00-99:99,Kites,1\n`,
    fast: true,
  },
  { name: 'timestamp on no day', text: `${HEADER}\nt1,2023-02-30T10:00:00Z,Kites,10\n`, fast: false },
  { name: 'timestamp past midnight', text: `${HEADER}\nt1,2025-01-01T24:00:00Z,Kites,10\n`, fast: false },
  { name: 'timestamp with a zone name', text: `${HEADER}\nt1,2025-01-01 10:00 UTC,Kites,10\n`, fast: false },
  { name: 'date with text after it', text: `${HEADER}\nt1,2025-01-01x,Kites,10\n`, fast: false },
  { name: 'blank line', text: `${HEADER}\nt1,2025-01-01,Kites,1\n\nt2,2025-01-02,Kites,2\n`, fast: false },
  { name: 'stray quote', text: `${HEADER}\nt1,2025-01-01,Ki"te,s",10\n`, fast: false },
  {
    name: 'end-of-data marker',
    text: `${HEADER}\nt1,2025-01-01,Kites,1\n\\.\nt2,2025-01-02,Kites,2\n`,
    fast: false,
  },
  { name: 'wrong field count', text: `${HEADER}\nt1,2025-01-01,Kites,1,extra\n`, fast: false },
  { name: 'NaN amount', text: `${HEADER}\nt1,2025-01-01,Kites,NaN\n`, fast: false },
  { name: 'amount that is not a number', text: `${HEADER}\nt1,2025-01-01,Kites,1e\n`, fast: false },
  { name: 'amount too large', text: `${HEADER}\nt1,2025-01-01,Kites,2e12\n`, fast: false },
  { name: 'impossible date', text: `${HEADER}\nt1,2023-02-30,Kites,1\n`, fast: false },
  { name: 'empty category', text: `${HEADER}\nt1,2025-01-01,,1\n`, fast: false },
  { name: 'not allowed', text: `${HEADER}\nt1,2025-01-01,Kites,1\n`, fast: false, allowList: ['Drums'] },
  { name: 'header only', text: `${HEADER}\n`, fast: true },
  { name: 'missing column', text: 'Txn,Date,Amount\nt1,2025-01-01,1\n', fast: false },
];

describe('importSalesFile: the fast path agrees with the careful path (postgres)', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-fast-'));
  }, 60_000);
  afterAll(async () => {
    await db?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Every stored row, in order: what both paths must leave alike. */
  const storedRows = async () =>
    db.prisma.$queryRaw<{ rows: string }[]>`
      SELECT concat_ws(' | ',
        (SELECT string_agg("category" || '@' || "day" || '=' || "amount", ',' ORDER BY "category", "day") FROM "SalesDay"),
        (SELECT string_agg("transactionId" || ':' || "category" || '=' || "amount", ',' ORDER BY "transactionId") FROM "SaleTransaction"),
        (SELECT string_agg("name" || ':' || "firstDay" || '..' || "lastDay" || '=' || "total", ',' ORDER BY "name") FROM "SalesCategory")
      ) AS rows`.then(([row]) => row!.rows);

  async function importWith(
    staging: StagingMode,
    file: string,
    allowList?: string[],
    before?: string,
    databaseUrl = db.url,
  ) {
    await db.prisma.$executeRawUnsafe(
      'TRUNCATE "SalesDay", "SalesCategory", "SaleTransaction", "SalesImport"',
    );
    if (before !== undefined) {
      fs.writeFileSync(`${file}.before`, before);
      await importOnce(staging, `${file}.before`, allowList, databaseUrl);
    }
    return importOnce(staging, file, allowList, databaseUrl);
  }

  async function importOnce(staging: StagingMode, file: string, allowList?: string[], databaseUrl = db.url) {
    const row = await new ImportsService(db.prisma).create({
      path: file,
      fileName: 'f.csv',
      requestedBy: 'test',
    });
    const outcome: ImportOutcome = await importSalesFile({
      importId: row.id,
      databaseUrl,
      staging,
      path: file,
      fileName: 'f.csv',
      source: 'shop',
      skipBadRows: false,
      columns: COLUMNS,
      allowList,
      instanceId: 'test',
    });
    const { status, rowsRead, rowsAccepted, rowsDuplicate, rowsRejected, badLines, errorCode, daysTouched } =
      outcome;
    const ending = {
      status,
      rowsRead,
      rowsAccepted,
      rowsDuplicate,
      rowsRejected,
      badLines,
      errorCode,
      daysTouched,
    };
    return { outcome, ending, rows: await storedRows() };
  }

  it.each(CASES)(
    '$name: same outcome and rows either way',
    async ({ name, text, fast, allowList, before }) => {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.csv`);
      fs.writeFileSync(file, text);
      const quick = await importWith('copy', file, allowList, before);
      const careful = await importWith('insert', file, allowList, before);
      expect(quick.outcome.fastPath ?? false).toBe(fast);
      if (!fast) expect(quick.outcome.fastPathMiss).toEqual(expect.any(String));
      expect(careful.outcome.fastPath).toBeUndefined();
      expect(quick.ending).toEqual(careful.ending);
      expect(quick.rows).toEqual(careful.rows);
      // The temp tables of both paths are gone with the import's connection; none is left in this session.
    },
  );

  it('should read the file row by row when the database allows no second connection', async () => {
    // A role limited to one connection: the import's own connects, the fast path's helper cannot.
    const role = `import_one_conn_${process.pid}`;
    await db.prisma.$executeRawUnsafe(`CREATE ROLE "${role}" LOGIN CONNECTION LIMIT 1`);
    try {
      await db.prisma.$executeRawUnsafe(`GRANT ALL ON ALL TABLES IN SCHEMA public TO "${role}"`);
      await db.prisma.$executeRawUnsafe(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "${role}"`);
      const url = new URL(db.url);
      url.username = role;
      const file = path.join(dir, 'one-connection.csv');
      fs.writeFileSync(file, CASES[0]!.text);
      const alone = await importWith('copy', file, undefined, undefined, url.toString());
      const careful = await importWith('insert', file);
      expect(alone.outcome).toMatchObject({ status: 'SUCCEEDED', rowsAccepted: 3 });
      expect(alone.outcome.fastPath).toBeUndefined();
      expect(alone.outcome.fastPathMiss).toMatch(/^no second database connection \(.*too many connections/);
      expect(alone.rows).toEqual(careful.rows);
    } finally {
      await db.prisma.$executeRawUnsafe(`DROP OWNED BY "${role}"`);
      await db.prisma.$executeRawUnsafe(`DROP ROLE "${role}"`);
    }
  });

  it('should store the clean file exactly (not only alike)', async () => {
    const file = path.join(dir, 'exact.csv');
    fs.writeFileSync(file, CASES[0]!.text);
    const { outcome, rows } = await importWith('copy', file);
    expect(outcome).toMatchObject({ status: 'SUCCEEDED', fastPath: true, rowsAccepted: 3, daysTouched: 2 });
    expect(rows).toBe(
      'Drums@2025-01-02=1000.0000,Kites@2025-01-01=7.5000 | t1:Kites=10.0000,t2:Kites=-2.5000,t3:Drums=1000.0000 | Drums:2025-01-02..2025-01-02=1000.0000,Kites:2025-01-01..2025-01-01=7.5000',
    );
  });
});
