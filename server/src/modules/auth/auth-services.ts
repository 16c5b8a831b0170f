/**
 * The access-control services of one API process, built by app.ts from the config and the database:
 * keys, users, sessions, the authenticator that combines them with API_KEY, and the rate limits
 * (shared through Postgres when the database is a real server).
 */
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../db/db.js';
import { ApiKeysService } from './api-keys.service.js';
import { Authenticator } from './authenticator.js';
import { RateLimits } from './rate-limits.js';
import { SessionsService } from './sessions.service.js';
import { UsersService } from './users.service.js';

export interface AuthServices {
  authenticator: Authenticator;
  apiKeys: ApiKeysService;
  users: UsersService;
  sessions: SessionsService;
  rateLimits: RateLimits;
}

/** @param onError told about errors of the rate limits' idle database connections. */
export function createAuthServices(
  config: Config,
  db: Database,
  onError?: (error: Error) => void,
): AuthServices {
  const apiKeys = new ApiKeysService(db.prisma);
  const users = new UsersService(db.prisma);
  const sessions = new SessionsService(db.prisma, users, { sessionHours: config.api.sessionHours });
  return {
    apiKeys,
    users,
    sessions,
    authenticator: new Authenticator({ adminKey: config.api.apiKey, apiKeys, users, sessions }),
    rateLimits: new RateLimits({
      settings: config.api.rateLimits,
      databaseUrl: db.kind === 'postgres' ? db.url : undefined,
      onError,
    }),
  };
}
