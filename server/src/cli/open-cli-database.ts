/**
 * The command line's way into the sales database: DATABASE_URL, or the embedded one under DATA_DIR,
 * seeded from data.csv_path when empty (as `npm start` does). The embedded database belongs to one
 * process: while `npm start` runs, the CLI cannot open it and says so in one line, with the ways out.
 * Used by `train` (without --csv), `predict --latest` and `import` (openCliDatabase: seeded), and by the keys
 * and users CLIs (withCliDatabase: not seeded).
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig, type Config } from '../config/load-config.js';
import { openDatabase, type Database } from '../db/db.js';
import { EmbeddedDatabaseInUseError } from '../db/embedded-postgres.js';
import { SalesStore } from '../modules/sales/sales-store.js';
import type { ImportOutcome } from '../modules/imports/import-sales-file.js';
import { seedSalesIfEmpty } from '../modules/sales/seed-sales.js';
import { UsageError } from './run-cli.js';

/** The embedded database is held by another process (the running server). */
export class DatabaseInUseError extends Error {
  override readonly name = 'DatabaseInUseError';
}

function describeSeed(csv: string, outcome: ImportOutcome): string {
  const first = outcome.badLines?.[0];
  const bad = first
    ? `; ${outcome.badLineCount} bad line(s) skipped, e.g. line ${first.line}: ${first.message}`
    : '';
  const what =
    outcome.status === 'SUCCEEDED' ? `${outcome.rowsAccepted} rows` : `${outcome.status}: ${outcome.error}`;
  return `note: seeded the empty database from ${csv} (${what}${bad})`;
}

/** Opens (and migrates) the database; an embedded one held by another process is explained in one line. */
async function openOrExplain(config: Config, hint: string): Promise<Database> {
  try {
    return await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (!(error instanceof EmbeddedDatabaseInUseError)) throw error;
    const holder = /process (\d+)/.exec(error.message)?.[1] ?? '?';
    throw new DatabaseInUseError(
      `the embedded database in ${config.dataDir} is in use by process ${holder} (npm start?): ${hint}, stop that process, or set DATABASE_URL to a Postgres both can share`,
    );
  }
}

/**
 * Opens (and migrates, and seeds when empty) the database.
 * @param hint - what else the user can do when the embedded database is in use, e.g. "pass --csv <file>"
 * @throws DatabaseInUseError when `npm start` (or another CLI) holds the embedded database
 */
export async function openCliDatabase(
  config: Config,
  hint: string,
): Promise<{ db: Database; sales: SalesStore }> {
  const db = await openOrExplain(config, hint);
  try {
    const sales = new SalesStore(db.prisma, config.data.categories);
    const logger = pino({ level: 'silent' });
    const instanceId = `cli-${process.pid}-${randomUUID().slice(0, 8)}`;
    const seeded = await seedSalesIfEmpty({ config, db, store: sales, logger, instanceId });
    if (seeded) process.stderr.write(`${describeSeed(config.data.csvPath, seeded)}\n`);
    await sales.registerAllowList();
    return { db, sales };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * Opens (and migrates) the configured database without seeding it, runs `use`, and closes it (keys, users).
 * @param inputError the service's error class for bad input: reported as a usage error (exit 2).
 */
export async function withCliDatabase(
  use: (db: Database) => Promise<void>,
  inputError: new (message: string) => Error,
): Promise<void> {
  const db = await openOrExplain(loadConfig(), 'run this command with the server stopped');
  try {
    await use(db);
  } catch (error) {
    throw error instanceof inputError ? new UsageError(error.message) : error;
  } finally {
    await db.close();
  }
}
