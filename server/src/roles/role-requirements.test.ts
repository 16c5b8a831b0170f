import { describe, expect, it } from '@jest/globals';
import type { Config } from '../config/load-config.js';
import { assertRoleFits, RoleError } from './role-requirements.js';

const config = (databaseUrl: string | undefined, apiWorkers = 1) =>
  ({ databaseUrl, server: { role: 'all', apiWorkers, workerPort: 4001 } }) as unknown as Config;

describe('assertRoleFits', () => {
  it('should accept one process of role all on the embedded database', () => {
    expect(() => assertRoleFits(config(undefined), 'all')).not.toThrow();
  });

  it('should refuse roles api and worker, and API_WORKERS above 1, on the embedded database', () => {
    expect(() => assertRoleFits(config(undefined), 'worker')).toThrow(RoleError);
    expect(() => assertRoleFits(config(undefined), 'api')).toThrow(/^ROLE_NEEDS_POSTGRES: role api/);
    expect(() => assertRoleFits(config(undefined, 2), 'all')).toThrow(/API_WORKERS=2.*set DATABASE_URL/);
  });

  it('should accept every role and process count on Postgres', () => {
    for (const role of ['all', 'api', 'worker'] as const)
      expect(() => assertRoleFits(config('postgres://db', 4), role)).not.toThrow();
  });
});
