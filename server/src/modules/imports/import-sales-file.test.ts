/**
 * The apply step of a CSV import on a real Postgres: the fast anti-join path, and its fall-back when a
 * concurrent writer stores one of the file's transaction ids while the import is applying.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/utils/test-database.js';
import { waitForValue } from '../../../test/utils/wait-for.js';
import { importSalesFile, type ImportJob } from './import-sales-file.js';
import { ImportsService } from './imports.service.js';

const HEADER = 'Transaction ID,Date,Category,Total Amount';
const COLUMNS = {
  date: 'Date',
  category: 'Category',
  amount: 'Total Amount',
  transactionId: 'Transaction ID',
};

describe('importSalesFile apply (postgres)', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-apply-'));
  }, 60_000);
  afterAll(async () => {
    await db?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function runImport(name: string, lines: string[]) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
    const row = await new ImportsService(db.prisma).create({
      path: file,
      fileName: name,
      requestedBy: 'test',
    });
    const job: ImportJob = {
      importId: row.id,
      databaseUrl: db.url,
      staging: 'copy',
      path: file,
      fileName: name,
      source: 'shop',
      skipBadRows: false,
      columns: COLUMNS,
      instanceId: 'test',
    };
    return { importId: row.id, outcome: importSalesFile(job) };
  }

  const dayTotal = async (category: string, day: string) =>
    Number(
      (await db.prisma.salesDay.findUnique({ where: { category_day: { category, day: new Date(day) } } }))
        ?.amount ?? 0,
    );

  it('should count a transaction id repeated within one file once', async () => {
    const { outcome } = await runImport('repeated.csv', [
      'r1,2025-02-01,Kites,10',
      'r2,2025-02-01,Kites,20',
      'r1,2025-02-01,Kites,10',
    ]);
    expect(await outcome).toMatchObject({ status: 'SUCCEEDED', rowsAccepted: 2, rowsDuplicate: 1 });
    expect(await dayTotal('Kites', '2025-02-01')).toBe(30);
  });

  it('should fall back and succeed when another writer stores one of its ids while it applies', async () => {
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      // Another writer inserts id "c2" and holds its transaction open: the import's anti-join cannot see
      // it, so its plain insert of "c2" waits on that row's lock.
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO "SaleTransaction" ("source", "transactionId", "category", "day", "amount")
         VALUES ('shop', 'c2', 'Drums', '2025-03-01', 7)`,
      );
      const { outcome } = await runImport('race.csv', [
        'c1,2025-03-01,Drums,1',
        'c2,2025-03-01,Drums,2',
        'c3,2025-03-02,Drums,4',
      ]);
      // Asked from another session: inside `other`'s transaction the statistics views stay frozen.
      await waitForValue(
        async () =>
          (
            await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`
          )[0]!.n,
        (n) => n > 0,
        { timeoutMs: 30_000, intervalMs: 50 },
      );
      await other.query('COMMIT'); // the import's insert of "c2" now meets a unique violation
      expect(await outcome).toMatchObject({ status: 'SUCCEEDED', rowsAccepted: 2, rowsDuplicate: 1 });
      expect(await dayTotal('Drums', '2025-03-01')).toBe(1);
      expect(await dayTotal('Drums', '2025-03-02')).toBe(4);
      const ids = await db.prisma.saleTransaction.findMany({
        where: { source: 'shop', category: 'Drums' },
        orderBy: { transactionId: 'asc' },
      });
      // The first write of an id wins: "c2" keeps the other writer's amount.
      expect(ids.map((t) => [t.transactionId, Number(t.amount)])).toEqual([
        ['c1', 1],
        ['c2', 7],
        ['c3', 4],
      ]);
    } finally {
      await other.end();
    }
  });
});
