/**
 * The database of the keys and users CLIs: DATABASE_URL, or the embedded one under DATA_DIR (which only
 * one process may open: while `npm start` runs on it, the CLI says so and exits).
 */
import { loadConfig } from '../config/load-config.js';
import { openDatabase, type Database } from '../db/db.js';
import { UsageError } from './run-cli.js';

/**
 * Opens (and migrates) the configured database, runs `use`, and closes it.
 * @param inputError the service's error class for bad input: reported as a usage error (exit 2).
 */
export async function withCliDatabase(
  use: (db: Database) => Promise<void>,
  inputError: new (message: string) => Error,
): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await use(db);
  } catch (error) {
    throw error instanceof inputError ? new UsageError(error.message) : error;
  } finally {
    await db.close();
  }
}
