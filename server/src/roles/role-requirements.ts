/**
 * What a process role needs before it opens anything: the embedded database (PGlite, DATABASE_URL unset)
 * is served inside ONE process behind a lock file, so a separate training worker, an API that leaves the
 * training to one, or several serving processes need a real Postgres. Checked by the entry points
 * (`roles/run-role.ts`) and `buildWorkerApp`; the error prints as one line and exits 2 (run-cli.ts).
 */
import { ConfigError, type Config } from '../config/load-config.js';
import type { ServerRole } from '../config/config.types.js';

/** A role or process count the database cannot serve; `code` is stable for scripts and tests. */
export class RoleError extends ConfigError {
  readonly code = 'ROLE_NEEDS_POSTGRES';
}

/**
 * @param role the role this process is about to take (`server.role`, or `worker` for `npm run worker`).
 * @throws RoleError naming the setting and both fixes when the embedded database would be shared.
 */
export function assertRoleFits(config: Config, role: ServerRole): void {
  if (config.databaseUrl) return;
  const why = 'the embedded database (DATABASE_URL unset) belongs to one process';
  if (role !== 'all')
    throw new RoleError(
      `ROLE_NEEDS_POSTGRES: role ${role} (ROLE or server.role) needs Postgres: ${why}; set DATABASE_URL, or use role all`,
    );
  if (config.server.apiWorkers > 1)
    throw new RoleError(
      `ROLE_NEEDS_POSTGRES: API_WORKERS=${config.server.apiWorkers} (server.api_workers) needs Postgres: ${why}; set DATABASE_URL, or API_WORKERS=1`,
    );
}
