/**
 * The MLflow sync: replays the `MlflowOutbox` to MLflow until every row is acknowledged. Wakes on a poll
 * timer and on `kick()` (the lifecycle just enqueued); one pass at a time per process, rows claimed one
 * by one (see `outbox-store.ts` for ordering and claiming across replicas). Retryable failures back off;
 * MLflow's 4xx answers fail the run's sync with MLflow's message. Started and stopped by `app.ts`.
 * An outage (MLflow not running, e.g. a new user's `npm start`) is logged once when it starts and once
 * when it ends, never per retry; `status()` reports it for `serverInfo` and `/metrics`.
 */
import type { Logger } from 'pino';
import { computeBackoff, type BackoffOptions } from './backoff.js';
import { MlflowHttpError } from './http.js';
import { OutageLog, type OutageStatus } from './outage-log.js';
import { sendRow, type SendContext } from './outbox-sender.js';
import {
  claimNextRow,
  markDone,
  markFailed,
  markRetry,
  skipBlockedRows,
  type ClaimedRow,
} from './outbox-store.js';

/** Options of `MlflowSync`. */
export interface MlflowSyncOptions extends SendContext {
  logger: Logger;
  /** How often to look for due rows (other replicas' rows, backoffs that ended). @default 1000 */
  pollMs?: number;
  /**
   * How long a claimed row is ours; after that another process may replay it. Must exceed the longest
   * send (a finish_run makes about 10 calls of up to the client's timeout each). @default 300000
   */
  leaseMs?: number;
  /** Retry delays. @default 1 s doubling up to 5 min, with jitter */
  backoff?: BackoffOptions;
  /** `stop()` waits at most this long for the row being sent; its lease then covers it. @default 5000 */
  stopTimeoutMs?: number;
}

type Outcome = 'done' | 'failed' | 'retry' | 'unreachable';

/** What `serverInfo` and `/metrics` show of the sync. */
export interface MlflowSyncStatus {
  /** Outbox rows waiting to reach MLflow. */
  pending: number;
  /** When the ongoing outage began (null when MLflow answers). */
  unreachableSince: Date | null;
  /** The outage's latest error, one line (null when MLflow answers). */
  lastError: string | null;
}

export class MlflowSync {
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly outage: OutageLog;
  private readonly passes: OutageLog;

  constructor(private readonly options: MlflowSyncOptions) {
    this.outage = new OutageLog(options.logger, `MLflow at ${options.client.trackingUri}`);
    this.passes = new OutageLog(options.logger, 'the MLflow sync (its database reads)');
  }

  /** Pending rows (one count query) and the ongoing outage, if any. */
  async status(): Promise<MlflowSyncStatus> {
    const pending = await this.options.prisma.mlflowOutbox.count({ where: { status: 'PENDING' } });
    const outage: OutageStatus | undefined = this.outage.status;
    return { pending, unreachableSince: outage?.since ?? null, lastError: outage?.lastError ?? null };
  }

  /** Starts polling and runs a first pass (rows left from before a restart). */
  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.kick();
  }

  /** Runs a pass soon: now, or right after the current one. Never throws, never waits. */
  kick(): void {
    if (!this.timer || this.stopped) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    this.pass = this.drain().finally(() => {
      this.pass = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Stops polling; waits (bounded) for the row being sent. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    if (!this.pass) return;
    let timeout: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timeout = setTimeout(resolve, this.options.stopTimeoutMs ?? 5000);
    });
    await Promise.race([this.pass, waited]);
    clearTimeout(timeout);
  }

  /**
   * One pass: sends due rows until none is due, or MLflow is unreachable (the other runs' rows wait for
   * the next poll instead of each waiting out a timeout now). Errors are logged, never thrown. Public so
   * tests and tools can sync without the timer.
   */
  async drain(): Promise<void> {
    const { prisma, logger } = this.options;
    try {
      const skipped = await skipBlockedRows(prisma);
      this.passes.recovered(); // the database answered
      if (skipped) logger.info({ skipped }, 'MLflow outbox rows skipped after their run failed to sync');
      while (!this.stopped) {
        const row = await claimNextRow(prisma, this.options.leaseMs ?? 300_000);
        if (!row || (await this.process(row)) === 'unreachable') return;
      }
    } catch (error) {
      // Typically the database is away: one line when passes start failing, one when they work again.
      this.passes.failed(error);
    }
  }

  private async process(row: ClaimedRow): Promise<Outcome> {
    const { prisma, logger } = this.options;
    const log = { runId: row.runId, row: String(row.id), kind: row.kind, attempts: row.attempts };
    let created;
    try {
      created = await sendRow(this.options, row);
    } catch (error) {
      if (error instanceof MlflowHttpError && !error.retryable) {
        this.outage.recovered(); // it answered
        const message = `${error.errorCode ?? (error.status ? `HTTP ${error.status}` : error.kind)}: ${error.message}`;
        await markFailed(prisma, row, message);
        logger.warn({ ...log, err: error }, 'MLflow refused a call; the run will not be synced');
        return 'failed';
      }
      const delayMs = computeBackoff(row.attempts, this.options.backoff);
      await markRetry(prisma, row, { delayMs, error: describe(error) });
      // One line when the outage starts (and one when it ends), not one per row or retry.
      this.outage.failed(error, log);
      const unreachable =
        error instanceof MlflowHttpError && (error.kind === 'network' || error.kind === 'timeout');
      return unreachable ? 'unreachable' : 'retry';
    }
    await markDone(prisma, row, created);
    this.outage.recovered();
    return 'done';
  }
}

function describe(error: unknown): string {
  if (error instanceof MlflowHttpError)
    return `${error.request}: ${error.status ?? error.kind}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
