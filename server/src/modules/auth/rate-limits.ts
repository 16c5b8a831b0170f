/**
 * Rate limits per caller (key, user, or address when anonymous) on mutations and sign-in, with
 * rate-limiter-flexible. On a Postgres server the counters live in the "RateLimit" table, shared by
 * every replica (one upsert per counted call), with an in-memory limiter as insurance while the
 * database is away; on the embedded database (one process) they live in memory. Built by app.ts; used
 * by `RequireScope` and the sign-in route.
 */
import pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** What is limited: a mutation's scope, or sign-in attempts. */
export type LimitName = 'predict' | 'train' | 'import' | 'sign_in';

export interface RateLimitSettings {
  /** Length of the window, in seconds. */
  windowSeconds: number;
  /** Calls per caller and window; 0 = unlimited. */
  perWindow: Record<LimitName, number>;
}

export interface RateLimitsOptions {
  settings: RateLimitSettings;
  /** A Postgres URL for shared counters; unset: in memory (one process). */
  databaseUrl?: string;
  /** Told about pool errors (an idle connection dropped during an outage). */
  onError?: (error: Error) => void;
}

export class RateLimits {
  private readonly limiters = new Map<LimitName, RateLimiterAbstract>();
  private readonly pool?: pg.Pool;

  constructor(options: RateLimitsOptions) {
    const { windowSeconds, perWindow } = options.settings;
    if (options.databaseUrl) {
      this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
      this.pool.on('error', (error) => options.onError?.(error));
    }
    for (const [name, points] of Object.entries(perWindow) as [LimitName, number][]) {
      if (points <= 0) continue;
      const common = { keyPrefix: name, points, duration: windowSeconds };
      const memory = new RateLimiterMemory(common);
      this.limiters.set(
        name,
        this.pool
          ? new RateLimiterPostgres({
              ...common,
              storeClient: this.pool,
              tableName: 'RateLimit',
              tableCreated: true, // by the add_access_control migration
              clearExpiredByTimeout: false, // rows are reused per key; nothing accumulates beyond callers
              insuranceLimiter: memory,
            })
          : memory,
      );
    }
  }

  /**
   * Counts one call of `key` against a limit.
   * @returns undefined when allowed, else the seconds until the caller may try again (≥ 1).
   */
  async consume(name: LimitName, key: string): Promise<number | undefined> {
    const limiter = this.limiters.get(name);
    if (!limiter) return undefined;
    try {
      await limiter.consume(key);
      return undefined;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  }

  /** Forgets a caller's count (a successful sign-in clears its failures). */
  async reset(name: LimitName, key: string): Promise<void> {
    await this.limiters.get(name)?.delete(key);
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }
}
