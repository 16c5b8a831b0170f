/**
 * One Postgres LISTEN/NOTIFY channel between the processes of one database, as both event bridges and the
 * run-queue signal use it (`run-event-bridge.ts`: training events, `sales-event-bridge.ts`: sales and
 * import events, `run-queue-signal.ts`). Messages go out in the order they were sent, one NOTIFY at a time
 * from a bounded queue, retried with backoff while the database is away. The connections are the
 * process's `PgNotifications`, shared by all its channels; after an outage `onReconnected` lets the owner
 * re-read what it may have missed. A process ignores its own messages.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { PgNotifications } from '../db/pg-notifications.js';
import { computeBackoff } from '../tracking/backoff.js';

const RETRY = { baseMs: 250, maxMs: 5000 };

export interface NotifyChannelOptions {
  /** The Postgres channel name (an SQL identifier). */
  channel: string;
  /** The process's LISTEN/NOTIFY connections. */
  notifications: PgNotifications;
  logger: Logger;
  /** What travels on it, for log lines: "training events". */
  what: string;
  /** A message another process sent (parsed JSON, without the sender id). */
  onMessage: (message: Record<string, unknown>) => void;
  /**
   * The LISTEN connection is back after an outage: messages sent meanwhile were missed.
   * @param lostAt - when this process noticed the connection was gone (its own clock)
   */
  onReconnected?: (lostAt: Date) => void;
  /** Messages kept while NOTIFY fails; beyond it the oldest is dropped (and logged). @default 10000 */
  maxQueued?: number;
}

export class NotifyChannel {
  private readonly id = randomUUID();
  private unlisten?: () => Promise<void>;
  private stopped = false;
  /** Serialised messages waiting for NOTIFY, oldest first. */
  private readonly outbox: string[] = [];
  private sending = false;

  constructor(private readonly options: NotifyChannelOptions) {}

  /** LISTENs. @throws when the first LISTEN fails. */
  async start(): Promise<void> {
    this.unlisten = await this.options.notifications.listen(this.options.channel, {
      onPayload: (payload) => this.receive(payload),
      onReconnected: (lostAt) => this.options.onReconnected?.(lostAt),
    });
  }

  /**
   * Sends what is queued (for at most `drainMs`: a database that is away must not hold up a shutdown),
   * then closes. A stopping process's last messages (a run marked interrupted) still reach the others.
   */
  async stop(drainMs = 2000): Promise<void> {
    const deadline = Date.now() + drainMs;
    while (this.outbox.length && !this.stopped && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    this.stopped = true;
    await this.unlisten?.();
    this.unlisten = undefined;
  }

  /**
   * Queues a message for the other processes. Sends go one at a time, in call order: two in flight on two
   * connections could arrive reversed (a subscriber that keeps only newer epochs would drop the older).
   * A failed send is retried with backoff; over `maxQueued` the oldest is dropped and what it said is
   * left to the store (subscribers re-read it after `onReconnected`).
   */
  send(message: Record<string, unknown>): void {
    if (this.outbox.length >= (this.options.maxQueued ?? 10_000)) {
      // The head may be in flight (flush shifts it once sent): drop the oldest after it.
      this.outbox.splice(this.sending ? 1 : 0, 1);
      this.options.logger.warn(`${this.options.what} for other replicas are piling up; dropped the oldest`);
    }
    this.outbox.push(JSON.stringify({ ...message, from: this.id }));
    if (!this.sending) void this.flush();
  }

  private async flush(): Promise<void> {
    this.sending = true;
    let attempt = 0;
    while (!this.stopped && this.outbox.length) {
      try {
        await this.options.notifications.notify(this.options.channel, this.outbox[0]!);
        this.outbox.shift();
        attempt = 0;
      } catch (err) {
        this.options.logger.debug(
          { err },
          `could not forward ${this.options.what} to other replicas; retrying`,
        );
        await new Promise((resolve) => setTimeout(resolve, computeBackoff(++attempt, RETRY)).unref());
      }
    }
    this.sending = false;
  }

  private receive(payload: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(payload) as Record<string, unknown>;
    } catch (err) {
      return this.options.logger.warn({ err }, `ignored a malformed notification (${this.options.what})`);
    }
    if (message.from === this.id) return;
    delete message.from;
    this.options.onMessage(message);
  }
}
