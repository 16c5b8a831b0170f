/**
 * Database migrations from `prisma/migrations/` (the Prisma Migrate format and `_prisma_migrations` table),
 * applied by the wasm schema engine (`schema-engine.ts`) because the Prisma CLI's native engine is not
 * available offline. `openDatabase` calls `migrateDatabase` at start-up; `cli/db-migrate.ts` exposes
 * `deploy | dev <name> | status`; readiness uses `listMigrationNames` (from `migrations-folder.ts`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { findPrismaDir, readMigrationsList, writeMigration } from './migrations-folder.js';
import { withSchemaEngine, type SchemaEngine, type SchemaEngineOptions } from './schema-engine.js';

export { listMigrationNames } from './migrations-folder.js';

/** Where the schema and migrations live unless a caller says otherwise. */
export interface MigrateOptions {
  /** @default <repo>/prisma/schema.prisma */
  schemaPath?: string;
  /** @default <repo>/prisma/migrations */
  migrationsDir?: string;
  /** Receives the schema engine's log lines (e.g. the CLI with DEBUG set). @default ignored */
  onEngineLog?: (message: string) => void;
}

/** What `migrationStatus` reports. */
export interface MigrationStatus {
  /** Migrations in the folder not (successfully) applied to the database, oldest first. */
  pending: string[];
  /** Applied migrations whose file changed since. */
  edited: string[];
  /** Migrations that started and failed (they block `deploy` until resolved by hand). */
  failed: string[];
  /** Migrations in the database but not in the folder (another branch, or a deleted folder). */
  unknown: string[];
}

/** Nothing is managed outside Prisma in our database. */
const FILTERS = { externalTables: [], externalEnums: [] };

function resolvePaths(options: MigrateOptions = {}) {
  return {
    schemaPath: options.schemaPath ?? path.join(findPrismaDir(), 'schema.prisma'),
    migrationsDir: options.migrationsDir ?? path.join(findPrismaDir(), 'migrations'),
  };
}

/** Engine options: the schema file and where its log lines go. */
function engineOptions(schemaPath: string, options: MigrateOptions = {}): SchemaEngineOptions {
  return { schema: [[schemaPath, fs.readFileSync(schemaPath, 'utf8')]], onLog: options.onEngineLog };
}

/**
 * Applies every pending migration (`prisma migrate deploy`). Idempotent; safe to call at each start-up.
 * Concurrent callers on one Postgres are serialised by the engine's advisory lock.
 * @param url a postgres:// URL (real Postgres or the embedded PGlite server).
 * @returns the names applied now (empty when the database was up to date).
 * @throws when the database is unreachable, a migration fails (it is rolled back) or one failed before.
 */
export async function migrateDatabase(url: string, options?: MigrateOptions): Promise<{ applied: string[] }> {
  const { schemaPath, migrationsDir } = resolvePaths(options);
  return withSchemaEngine(url, engineOptions(schemaPath, options), async (engine) => {
    const result = await engine.applyMigrations({
      migrationsList: readMigrationsList(migrationsDir),
      filters: FILTERS,
    });
    return { applied: result.appliedMigrationNames };
  });
}

/**
 * Creates a migration from the difference between the schema and the migrations, and applies it
 * (`prisma migrate dev --name <name>`; it uses a shadow database). Development only.
 * @returns the new folder's name, or null when the schema is already in sync; and what was applied.
 * @throws when the database drifted and needs a reset (no reset is done here: drop it yourself).
 */
export async function createMigration(
  url: string,
  name: string,
  options?: MigrateOptions,
): Promise<{ created: string | null; applied: string[] }> {
  const { schemaPath, migrationsDir } = resolvePaths(options);
  const engineOpts = engineOptions(schemaPath, options);
  const list = () => readMigrationsList(migrationsDir);
  const apply = async (engine: SchemaEngine) =>
    (await engine.applyMigrations({ migrationsList: list(), filters: FILTERS })).appliedMigrationNames;
  const diagnose = async (engine: SchemaEngine) => {
    const diagnostic = await engine.devDiagnostic({ migrationsList: list(), filters: FILTERS });
    if (diagnostic.action.tag === 'reset') {
      throw new Error(`the database needs a reset: ${diagnostic.action.reason}`);
    }
  };
  const applied = await withSchemaEngine(url, engineOpts, async (engine) => {
    await diagnose(engine);
    return apply(engine);
  });
  // createMigration only works right after a devDiagnostic on an up-to-date database, in the same engine:
  // it reuses the shadow database state devDiagnostic made; on its own it fails with "PostgreSQL shadow
  // DB must be provided through an external factory" (8.1.0-2.59be4fda). Hence a second engine.
  return withSchemaEngine(url, engineOpts, async (engine) => {
    await diagnose(engine);
    const out = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList: list(),
      schema: { files: engineOpts.schema.map(([file, content]) => ({ path: file, content })) },
      filters: FILTERS,
    });
    if (!out.migrationScript) return { created: null, applied };
    writeMigration(migrationsDir, { ...out, migrationScript: out.migrationScript });
    return { created: out.generatedMigrationName, applied: [...applied, ...(await apply(engine))] };
  });
}

/**
 * Compares the migrations folder with the database (`prisma migrate status`), without changing anything.
 * @throws when the database is unreachable.
 */
export async function migrationStatus(url: string, options?: MigrateOptions): Promise<MigrationStatus> {
  const { schemaPath, migrationsDir } = resolvePaths(options);
  return withSchemaEngine(url, engineOptions(schemaPath, options), async (engine) => {
    const migrationsList = readMigrationsList(migrationsDir);
    const out = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: FILTERS,
    });
    const history = out.history;
    return {
      pending: history && 'unappliedMigrationNames' in history ? history.unappliedMigrationNames : [],
      edited: out.editedMigrationNames,
      failed: out.failedMigrationNames,
      unknown: history && 'unpersistedMigrationNames' in history ? history.unpersistedMigrationNames : [],
    };
  });
}
