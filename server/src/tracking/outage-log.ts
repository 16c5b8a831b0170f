/**
 * Logs a dependency outage (MLflow, the database) once when it starts and once when it ends, instead of a
 * warning with a stack trace per retry; keeps what status pages show (since when, the last error).
 * Used by the MLflow sync, the training queue's database writes and the cross-replica event bridge.
 */
import type { Logger } from 'pino';

/** The state of an ongoing outage. */
export interface OutageStatus {
  since: Date;
  /** The latest failure's message (first line, shortened). */
  lastError: string;
  /** Failures since it started. */
  failures: number;
}

const MAX_ERROR_LENGTH = 300;

/** One line of an error, without its stack: what a log line or `serverInfo` shows. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.trim().split('\n', 1)[0] || (error as Error)?.name || 'unknown error';
  return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH - 1)}…` : line;
}

export class OutageLog {
  private current?: OutageStatus;

  /**
   * @param logger where the two lines go.
   * @param what the dependency, as the lines name it: `MLflow at http://…`, `the database`.
   */
  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  /** Records a failure: a warning for the first one of an outage, debug (with the error) after that. */
  failed(error: unknown, fields: Record<string, unknown> = {}): void {
    const lastError = describeError(error);
    if (this.current) {
      this.current.failures++;
      this.current.lastError = lastError;
      this.logger.debug({ ...fields, err: error }, `${this.what} still unavailable`);
      return;
    }
    this.current = { since: new Date(), lastError, failures: 1 };
    this.logger.warn({ ...fields, error: lastError }, `${this.what} unavailable; retrying until it is back`);
  }

  /** Records a success: ends the outage (one info line) if there was one. */
  recovered(fields: Record<string, unknown> = {}): void {
    if (!this.current) return;
    const { since, failures } = this.current;
    this.current = undefined;
    this.logger.info({ ...fields, downMs: Date.now() - since.getTime(), failures }, `${this.what} is back`);
  }

  /** The ongoing outage, if any. */
  get status(): OutageStatus | undefined {
    return this.current && { ...this.current };
  }
}
