/**
 * The `/readyz` check every process role has: the database answers and has no pending migration.
 * Used by `app.ts` (serving processes) and `roles/worker-app.ts` (training-only processes).
 */
import { checkReadiness, type Database } from '../db/db.js';
import type { ReadinessCheck } from './readiness.js';

/** @returns a readiness check named `database` that throws with the reason when it is not ready. */
export function databaseReadinessCheck(db: Database): ReadinessCheck {
  return {
    name: 'database',
    check: async () => {
      const report = await checkReadiness(db);
      if (!report.ok)
        throw new Error(report.error ?? `pending migrations: ${report.migrationsPending.join(', ')}`);
    },
  };
}
