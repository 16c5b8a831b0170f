/**
 * Builds the `ImportJob` of a ledger row from the configuration and the database handle: the staging
 * mode that database supports, the configured columns and allow-list. Shared by the API's import runner,
 * the CLI and the first-start seed, so they import alike.
 */
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../db/db.js';
import type { ImportJob } from './import-sales-file.js';
import type { ImportRow } from './imports.service.js';

/** @param path - where the file is on disk (an upload's spool file, or the user's file) */
export function buildImportJob(options: {
  config: Config;
  db: Pick<Database, 'url' | 'kind'>;
  row: ImportRow;
  path: string;
  instanceId: string;
}): ImportJob {
  const { config, db, row } = options;
  return {
    importId: row.id,
    databaseUrl: db.url,
    // The embedded database's socket server cannot take COPY FROM STDIN.
    staging: db.kind === 'postgres' ? 'copy' : 'insert',
    path: options.path,
    fileName: row.fileName,
    source: row.source,
    skipBadRows: row.skipBadRows,
    columns: config.data.columns,
    allowList: config.data.categories && [...config.data.categories],
    instanceId: options.instanceId,
  };
}
