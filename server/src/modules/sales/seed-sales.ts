/**
 * First start: when the database has no sales and no import yet, the CSV named in config.yaml
 * (`data.csv_path`) is imported into it, through the same import as everything else (ledger row
 * requested by "seed", bad rows skipped and listed), so `npm start` works out of the box. After that
 * the database is the source of truth and the file is not read again. Called by app.ts before it listens.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../db/db.js';
import { importSalesFile, type ImportOutcome } from '../imports/import-sales-file.js';
import { buildImportJob } from '../imports/import-job.js';
import { ImportsService } from '../imports/imports.service.js';
import type { SalesStore } from './sales-store.js';

/** @returns the seed import's outcome, or null when the database already had data (or there is no file). */
export async function seedSalesIfEmpty(options: {
  config: Config;
  db: Database;
  store: SalesStore;
  logger: Logger;
  instanceId: string;
}): Promise<ImportOutcome | null> {
  const { config, db, store, logger } = options;
  if (!(await store.isEmpty())) return null;
  const csv = config.data.csvPath;
  if (!fs.existsSync(csv)) {
    logger.warn({ csv }, 'the database has no sales and data.csv_path does not exist: starting empty');
    return null;
  }
  const row = await new ImportsService(db.prisma).create({
    path: csv,
    fileName: path.basename(csv),
    skipBadRows: true,
    requestedBy: 'seed',
  });
  const outcome = await importSalesFile(
    buildImportJob({ config, db, row, path: csv, instanceId: options.instanceId }),
  );
  const fields = { csv, importId: row.id, rows: outcome.rowsAccepted, badRows: outcome.badLineCount };
  if (outcome.status === 'SUCCEEDED') logger.info(fields, 'seeded the empty database from data.csv_path');
  else
    logger.warn(
      { ...fields, status: outcome.status, error: outcome.error },
      'could not seed from data.csv_path',
    );
  return outcome;
}
