/**
 * openDatabase: the embedded database migrates on first open and keeps its rows across close/reopen on
 * the same directory; DATABASE_URL selects Postgres; an unreachable URL fails without leaving anything.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../../test/utils/test-database.js';
import { listMigrationNames } from './migrate.js';
import { openDatabase } from './db.js';

const run = { category: 'Books', experimentName: 'e', hyperparameters: {}, dataset: 'd.csv', totalEpochs: 1 };

describe('openDatabase', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sales-forecast-db-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('should keep rows across close and reopen when the embedded directory is the same', async () => {
    let started = Date.now();
    const first = await openDatabase({ dataDir });
    const firstStartMs = Date.now() - started;
    expect(first.kind).toBe('embedded');
    expect(first.migrationsApplied).toEqual(listMigrationNames());
    const created = await first.prisma.run.create({ data: run });
    await first.close();
    await first.close();

    started = Date.now();
    const second = await openDatabase({ dataDir });
    const restartMs = Date.now() - started;
    try {
      expect(second.migrationsApplied).toEqual([]);
      expect(await second.prisma.run.findUnique({ where: { id: created.id } })).toMatchObject({
        category: 'Books',
      });
    } finally {
      await second.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
    process.stdout.write(`embedded open (migrated): first ${firstStartMs} ms, restart ${restartMs} ms\n`);
  });

  it('should use Postgres when a database URL is given', async () => {
    const db = await createTestDatabase('postgres');
    try {
      expect(db.database.kind).toBe('postgres');
      expect(await db.prisma.run.count()).toBe(0);
    } finally {
      await db.dispose();
    }
  });

  it('should reject when the database URL is unreachable', async () => {
    await expect(
      openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/nowhere', dataDir }),
    ).rejects.toThrow(/reach|ECONNREFUSED/i);
  });
});
