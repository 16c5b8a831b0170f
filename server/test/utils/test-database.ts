/**
 * Test-only: a fresh database of its own for a test file, migrated unless asked not to, through the same
 * `openDatabase` as the product. 'postgres': `test_<random>` on the local server (TEST_DATABASE_ADMIN_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres), dropped WITH (FORCE) on dispose. 'embedded': PGlite
 * in a temp directory (first start ≈3 s, up to 7 s cold: share one per file), removed on dispose. Nothing is left behind.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/db.js';

export type TestDatabaseKind = 'postgres' | 'embedded';

export interface TestDatabase {
  kind: TestDatabaseKind;
  prisma: Database['prisma'];
  url: string;
  /** The product handle, for code under test that takes a `Database`. */
  database: Database;
  /** Closes the client, then drops the database / removes the directory. Idempotent. */
  dispose(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Apply the migrations. @default true */
  migrate?: boolean;
}

/** The admin connection used to create and drop test databases. */
export const TEST_DATABASE_ADMIN_URL =
  process.env.TEST_DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

async function createPostgres(migrate: boolean): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const dropDatabase = () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const url = new URL(TEST_DATABASE_ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: os.tmpdir(), migrate });
    const dispose = once(async () => {
      await database.close().finally(dropDatabase);
    });
    return { kind: 'postgres', prisma: database.prisma, url: database.url, database, dispose };
  } catch (error) {
    await dropDatabase();
    throw error;
  }
}

async function createEmbedded(migrate: boolean): Promise<TestDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sales-forecast-test-db-'));
  const removeDir = () => fs.rm(dataDir, { recursive: true, force: true });
  try {
    const database = await openDatabase({ dataDir, migrate });
    const dispose = once(async () => {
      await database.close().finally(removeDir);
    });
    return { kind: 'embedded', prisma: database.prisma, url: database.url, database, dispose };
  } catch (error) {
    await removeDir();
    throw error;
  }
}

/**
 * A fresh database for one test file; call `dispose()` in `afterAll`.
 * @throws when the local Postgres is unreachable (start it, or set TEST_DATABASE_ADMIN_URL).
 */
export function createTestDatabase(
  kind: TestDatabaseKind,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  return kind === 'postgres' ? createPostgres(migrate) : createEmbedded(migrate);
}
