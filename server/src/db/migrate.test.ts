/**
 * Migrations on a fresh database, on the local Postgres and on the embedded PGlite: readiness before and
 * after, deploy applies every migration once, a second deploy and `status` find nothing to do; `dev`
 * (createMigration) on Postgres: nothing on an unchanged schema (hand-written partial indexes kept),
 * only the change otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { createTestDatabase, type TestDatabase } from '../../test/utils/test-database.js';
import { checkReadiness } from './db.js';
import { createMigration, listMigrationNames, migrateDatabase, migrationStatus } from './migrate.js';
import { findPrismaDir } from './migrations-folder.js';

describe.each(['postgres', 'embedded'] as const)('migrateDatabase on %s', (kind) => {
  let db: TestDatabase;
  const migrations = listMigrationNames();

  beforeAll(async () => {
    db = await createTestDatabase(kind, { migrate: false });
  });
  afterAll(() => db?.dispose());

  it('should list pending migrations in readiness when the database is not migrated', async () => {
    const readiness = await checkReadiness(db.database);
    expect(migrations.length).toBeGreaterThan(0);
    expect(readiness).toEqual({ ok: false, migrationsPending: migrations });
  });

  it('should apply every migration when the database is fresh', async () => {
    const started = Date.now();
    const { applied } = await migrateDatabase(db.url);
    process.stdout.write(`deploy on ${kind}: ${Date.now() - started} ms\n`);
    expect(applied).toEqual(migrations);
  });

  it('should report ready when every migration is applied', async () => {
    expect(await checkReadiness(db.database)).toEqual({ ok: true, migrationsPending: [] });
  });

  it('should apply nothing when the database is already migrated', async () => {
    expect(await migrateDatabase(db.url)).toEqual({ applied: [] });
    expect(await migrationStatus(db.url)).toEqual({ pending: [], edited: [], failed: [], unknown: [] });
  });
});

describe('checkReadiness', () => {
  it('should report not ok with the error when the database does not answer', async () => {
    const adapter = new PrismaPg({ connectionString: 'postgres://postgres@127.0.0.1:1/nowhere' });
    const prisma = new PrismaClient({ adapter });
    const readiness = await checkReadiness({ prisma }, { timeoutMs: 5000 });
    expect(readiness).toEqual({ ok: false, migrationsPending: [], error: expect.any(String) });
    await prisma.$disconnect();
  });
});

describe('createMigration on postgres', () => {
  let db: TestDatabase;
  let dir: string;
  const migrationsDir = () => path.join(dir, 'migrations');

  beforeAll(async () => {
    db = await createTestDatabase('postgres', { migrate: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sales-forecast-migrations-'));
    fs.cpSync(path.join(findPrismaDir(), 'migrations'), migrationsDir(), { recursive: true });
  });
  afterAll(async () => {
    await db?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should create nothing and keep the partial indexes when the schema is unchanged', async () => {
    const options = { migrationsDir: migrationsDir() };
    expect(await createMigration(db.url, 'nothing', options)).toEqual({
      created: null,
      applied: listMigrationNames(),
    });
    const indexes = await db.prisma.$queryRaw<{ indexname: string }[]>`
      SELECT indexname FROM pg_indexes WHERE indexname LIKE '%one_active_per_category' ORDER BY indexname`;
    expect(indexes.map((i) => i.indexname)).toEqual([
      'ModelVersion_one_active_per_category',
      'Run_one_active_per_category',
    ]);
  });

  it('should write and apply only the change when a field is added', async () => {
    const schemaPath = path.join(dir, 'schema.prisma');
    const schema = fs.readFileSync(path.join(findPrismaDir(), 'schema.prisma'), 'utf8');
    fs.writeFileSync(schemaPath, schema.replace(/(\n\s+mlflowError\s+String\?)/, '$1\n  note String?'));
    const { created, applied } = await createMigration(db.url, 'add_note', {
      schemaPath,
      migrationsDir: migrationsDir(),
    });
    expect(created).toMatch(/^\d{14}_add_note$/);
    expect(applied).toEqual([created]);
    const sql = fs.readFileSync(path.join(migrationsDir(), created!, 'migration.sql'), 'utf8');
    expect(sql).toContain('ADD COLUMN');
    expect(sql).not.toMatch(/DROP INDEX/i);
  });
});
