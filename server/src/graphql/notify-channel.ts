/**
 * One Postgres LISTEN/NOTIFY channel between the API replicas of one database, as both event bridges use
 * it (`run-event-bridge.ts`: training events, `sales-event-bridge.ts`: sales and import events). Messages
 * go out in the order they were sent, one NOTIFY at a time from a bounded queue, retried with backoff
 * while the database is away; the LISTEN connection is re-opened with backoff after it died, and
 * `onReconnected` then lets the owner re-read what it may have missed. A process ignores its own messages.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { computeBackoff } from '../tracking/backoff.js';
import { OutageLog } from '../tracking/outage-log.js';

const RECONNECT = { baseMs: 250, maxMs: 5000 };

export interface NotifyChannelOptions {
  /** The Postgres channel name (an SQL identifier). */
  channel: string;
  databaseUrl: string;
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
  private readonly outage: OutageLog;
  private listener?: pg.Client;
  private sender?: pg.Pool;
  private reconnectTimer?: NodeJS.Timeout;
  private lostAt = new Date();
  private stopped = false;
  /** Serialised messages waiting for NOTIFY, oldest first. */
  private readonly outbox: string[] = [];
  private sending = false;

  constructor(private readonly options: NotifyChannelOptions) {
    this.outage = new OutageLog(options.logger, `the database (${options.what} of other replicas)`);
  }

  /** LISTENs and opens the NOTIFY pool. @throws when the first LISTEN fails. */
  async start(): Promise<void> {
    this.sender = new pg.Pool({ connectionString: this.options.databaseUrl, max: 2, allowExitOnIdle: true });
    // An idle pooled connection that the server closes emits here; the pool drops it and opens another.
    this.sender.on('error', (err) =>
      this.options.logger.debug({ err }, 'an idle NOTIFY connection was closed'),
    );
    await this.listen();
  }

  /**
   * Sends what is queued (for at most `drainMs`: a database that is away must not hold up a shutdown),
   * then closes. A stopping process's last messages (a run marked interrupted) still reach the others.
   */
  async stop(drainMs = 2000): Promise<void> {
    const deadline = Date.now() + drainMs;
    while (this.outbox.length && this.sender && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
    await this.sender?.end().catch(() => undefined);
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

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, keepAlive: true });
    client.on('notification', (message) => this.receive(message.payload));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
  }

  /** The LISTEN connection died: forget it and reconnect. */
  private lost(client: pg.Client, error: Error): void {
    if (this.stopped || client !== this.listener) return;
    this.listener = undefined;
    this.lostAt = new Date();
    void client.end().catch(() => undefined);
    this.outage.failed(error);
    this.reconnect(1);
  }

  private reconnect(attempt: number): void {
    this.reconnectTimer = setTimeout(
      () => {
        this.listen().then(
          () => {
            if (this.stopped) return void this.listener?.end().catch(() => undefined);
            this.outage.recovered();
            this.options.onReconnected?.(this.lostAt);
          },
          (error: unknown) => {
            if (this.stopped) return;
            this.outage.failed(error);
            this.reconnect(attempt + 1);
          },
        );
      },
      computeBackoff(attempt, RECONNECT),
    );
    this.reconnectTimer.unref();
  }

  private async flush(): Promise<void> {
    this.sending = true;
    let attempt = 0;
    while (!this.stopped && this.sender && this.outbox.length) {
      try {
        await this.sender.query('SELECT pg_notify($1, $2)', [this.options.channel, this.outbox[0]]);
        this.outbox.shift();
        attempt = 0;
      } catch (err) {
        this.options.logger.debug(
          { err },
          `could not forward ${this.options.what} to other replicas; retrying`,
        );
        await new Promise((resolve) => setTimeout(resolve, computeBackoff(++attempt, RECONNECT)).unref());
      }
    }
    this.sending = false;
  }

  private receive(payload: string | undefined): void {
    if (!payload) return;
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
