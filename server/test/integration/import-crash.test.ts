import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/db/db.js';
import { ImportsService } from '../../src/modules/imports/imports.service.js';
import { salesSnapshot } from '../utils/sales-snapshot.js';
import { writeTestProject } from '../utils/start-test-server.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';
import { waitForValue } from '../utils/wait-for.js';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HEADER =
  'Transaction ID,Date,Customer ID,Gender,Age,Product Category,Quantity,Price per Unit,Total Amount';

/** `rows` rows over 50 categories and ~2 years, ids prefixed so they never meet the seed's. */
function writeBigCsv(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, `${HEADER}\n`);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const date = new Date(Date.UTC(2023, 0, 1 + (i % 700))).toISOString().slice(0, 10);
    chunk += `big-${i},${date},C${i % 999},F,30,Cat ${i % 50},1,${(i % 90) + 1},${(i % 90) + 1}\n`;
    if (chunk.length < 1 << 16) continue;
    fs.writeSync(fd, chunk);
    chunk = '';
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

function importArgs(csv: string) {
  return ['--import', '@swc-node/register/esm-register', 'src/cli/import.ts', '--csv', csv];
}

describe.each(['postgres', 'embedded'] as const)('an import killed with SIGKILL (%s)', (kind) => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-crash-'));
    writeTestProject(dir, '', false, null);
    // Big enough that the embedded import (batched inserts, ~30k rows/s) is still staging when it is killed.
    writeBigCsv(path.join(dir, 'big.csv'), kind === 'postgres' ? 400_000 : 300_000);
    fs.writeFileSync(path.join(dir, 'small.csv'), `${HEADER}\nsmall-1,2025-01-01,C,F,1,Garden,1,5,5\n`);
    testDb = kind === 'postgres' ? await createTestDatabase('postgres') : undefined;
    env = {
      ...process.env,
      CONFIG_PATH: path.join(dir, 'config.yaml'),
      DATA_DIR: path.join(dir, 'data'),
      NODE_OPTIONS: '',
    };
    delete env.DATABASE_URL;
    if (testDb) env.DATABASE_URL = testDb.url;
    // First use: seeds the database, then imports one row.
    const first = spawnSync(process.execPath, importArgs(path.join(dir, 'small.csv')), {
      cwd: SERVER_DIR,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(first.status).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await testDb?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the database this test's CLI uses (the embedded one only while no CLI holds it). */
  const open = () => openDatabase({ databaseUrl: testDb?.url, dataDir: path.join(dir, 'data') });

  it('should leave no partial sales, and the import is marked interrupted', async () => {
    let db = await open();
    const before = await salesSnapshot(db.prisma);
    if (kind === 'embedded') await db.close();

    const child = spawn(process.execPath, importArgs(path.join(dir, 'big.csv')), {
      cwd: SERVER_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve) =>
      child.stderr!.on('data', (c: Buffer) => /importing /.test(c.toString()) && resolve()),
    );
    if (kind === 'postgres') {
      // Kill it inside the one transaction that writes the sales: the worst moment.
      await waitForValue(
        () => db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE state = 'active' AND query LIKE '%INSERT INTO "SaleTransaction"%' AND pid <> pg_backend_pid()`,
        (rows) => rows[0]!.n > 0,
        { timeoutMs: 60_000, intervalMs: 20 },
      );
    } else {
      await new Promise((r) => setTimeout(r, 1500)); // mid-way through staging
    }
    child.kill('SIGKILL');
    await exited;

    if (kind === 'embedded') db = await open();
    try {
      expect(await salesSnapshot(db.prisma)).toEqual(before);
      const imports = new ImportsService(db.prisma);
      const killed = await db.prisma.salesImport.findFirstOrThrow({ where: { fileName: 'big.csv' } });
      expect(killed.status).toBe('RUNNING');
      await imports.markInterrupted(new Date(Date.now() + 1000));
      expect((await imports.get(killed.id))?.status).toBe('FAILED');
      if (kind === 'postgres') {
        // Its session ended: the staging table went with it.
        await waitForValue(
          () =>
            db.prisma.$queryRaw<
              { n: number }[]
            >`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'stage_%'`,
          (rows) => rows[0]!.n === 0,
          { timeoutMs: 10_000 },
        );
      }
    } finally {
      await db.close();
    }
  }, 180_000);
});
