/**
 * The command line's way into the sales database: DATABASE_URL, or the embedded one under DATA_DIR,
 * seeded from data.csv_path when empty (as `npm start` does). The embedded database belongs to one
 * process: while `npm start` runs, the CLI cannot open it and says so in one line, with the ways out.
 * Used by `train` (without --csv), `predict --latest` and `import`.
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { Config } from '../config/load-config.js';
import { openDatabase, type Database } from '../db/db.js';
import { EmbeddedDatabaseInUseError } from '../db/embedded-postgres.js';
import { SalesStore } from '../modules/sales/sales-store.js';
import type { ImportOutcome } from '../modules/imports/import-sales-file.js';
import { seedSalesIfEmpty } from '../modules/sales/seed-sales.js';

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

/**
 * Opens (and migrates, and seeds when empty) the database.
 * @param hint - what else the user can do when the embedded database is in use, e.g. "pass --csv <file>"
 * @throws DatabaseInUseError when `npm start` (or another CLI) holds the embedded database
 */
export async function openCliDatabase(
  config: Config,
  hint: string,
): Promise<{ db: Database; sales: SalesStore }> {
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (!(error instanceof EmbeddedDatabaseInUseError)) throw error;
    const holder = /process (\d+)/.exec(error.message)?.[1] ?? '?';
    throw new DatabaseInUseError(
      `the embedded database in ${config.dataDir} is in use by process ${holder} (npm start?): ${hint}, stop that process, or set DATABASE_URL to a Postgres both can share`,
    );
  }
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
