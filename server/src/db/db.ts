/**
 * The one database handle of a process: a Prisma client (through @prisma/adapter-pg) on DATABASE_URL, or on
 * the embedded PGlite under `<dataDir>/pglite` when no URL is given; migrations applied on open.
 * Opened once by the server's entry point (and test helpers), passed down, closed on shutdown.
 * `checkReadiness` backs /readyz.
 */
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { listMigrationNames, migrateDatabase } from './migrate.js';

/** pg pool size of the Prisma client. PGlite runs one query at a time, so more connections buy nothing. */
const POOL_MAX = { postgres: 10, embedded: 4 } as const;

export interface OpenDatabaseOptions {
  /** A postgres:// URL (DATABASE_URL). Unset or empty: the embedded database under `dataDir`. */
  databaseUrl?: string;
  /** DATA_DIR; the embedded database lives in `<dataDir>/pglite`. */
  dataDir: string;
  /** Apply pending migrations before returning. @default true */
  migrate?: boolean;
  /**
   * Told about connections that die outside a query (the server restarted, the network dropped): the
   * pool replaces them, and queries in flight fail with their own error. @default ignore
   */
  onConnectionError?: (error: Error) => void;
  /** Called when a phase of opening ends ('database': started/connected, 'migrations'), for start-up timing. */
  onPhase?: (name: 'database' | 'migrations') => void;
}

export interface Database {
  prisma: PrismaClient;
  /** 'embedded': PGlite, see embedded-postgres.ts for its single-queue semantics. */
  kind: 'postgres' | 'embedded';
  /** The URL the client uses (for the embedded database, a 127.0.0.1 URL valid while it is open). */
  url: string;
  /** Migrations applied by this open (empty when none were pending or `migrate: false`). */
  migrationsApplied: string[];
  /** Disconnects the client and stops the embedded database; idempotent. */
  close(): Promise<void>;
}

/**
 * Opens the database (starting the embedded one if needed) and migrates it.
 * @throws when the database is unreachable, the embedded directory is in use by another process, or a
 *   migration fails; nothing is left running then.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const embedded = options.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(options.dataDir, 'pglite') });
  const kind = embedded ? 'embedded' : 'postgres';
  const url = embedded?.url ?? (options.databaseUrl as string);
  const onError = options.onConnectionError ?? (() => undefined);
  // Explicit handlers: an 'error' event without a listener would crash the process during an outage.
  const adapter = new PrismaPg(
    { connectionString: url, max: POOL_MAX[kind] },
    { onPoolError: onError, onConnectionError: onError },
  );
  const prisma = new PrismaClient({ adapter });
  options.onPhase?.('database');
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      try {
        await prisma.$disconnect();
      } finally {
        await embedded?.stop();
      }
    })());
  try {
    const { applied } = options.migrate === false ? { applied: [] } : await migrateDatabase(url);
    options.onPhase?.('migrations');
    return { prisma, kind, url, migrationsApplied: applied, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** What /readyz reports. */
export interface Readiness {
  /** The database answers and every migration of this build is applied. */
  ok: boolean;
  /** Migrations of this build not applied (or failed) in the database, oldest first. */
  migrationsPending: string[];
  /** Why it is not ok, when the database did not answer (or answered too late). */
  error?: string;
}

export interface ReadinessOptions {
  /** Give up after this long. @default 2000 */
  timeoutMs?: number;
  /** @default <repo>/prisma/migrations */
  migrationsDir?: string;
}

async function readAppliedMigrations(prisma: PrismaClient): Promise<Set<string>> {
  const [table] = await prisma.$queryRaw<{ name: string | null }[]>`
    SELECT to_regclass('"_prisma_migrations"')::text AS name`;
  if (!table?.name) return new Set();
  const rows = await prisma.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return new Set(rows.map((row) => row.migration_name));
}

/**
 * Checks that the database answers and is fully migrated, with two cheap queries (no migration engine).
 * @returns never throws: failures are reported in `error` with `ok: false`.
 */
export async function checkReadiness(
  db: Pick<Database, 'prisma'>,
  options: ReadinessOptions = {},
): Promise<Readiness> {
  const expected = listMigrationNames(options.migrationsDir);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database did not answer in time')), options.timeoutMs ?? 2000);
  });
  try {
    const applied = await Promise.race([readAppliedMigrations(db.prisma), timeout]);
    const migrationsPending = expected.filter((name) => !applied.has(name));
    return { ok: migrationsPending.length === 0, migrationsPending };
  } catch (error) {
    return {
      ok: false,
      migrationsPending: [],
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
