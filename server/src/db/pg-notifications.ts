/**
 * A process's Postgres LISTEN/NOTIFY connections, shared by every `NotifyChannel` in it (training events,
 * sales events, run-queue signals): one LISTEN connection for all channels and one small NOTIFY pool,
 * instead of a LISTEN connection and a pool per channel (up to 9 connections a process, times API_WORKERS,
 * against the database's max_connections). The LISTEN connection is re-opened with backoff after it died;
 * it then LISTENs on every channel again and tells each subscriber, which re-reads what it may have missed.
 * Created and closed by app.ts and worker-app.ts, for DATABASE_URL servers only.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { computeBackoff } from '../tracking/backoff.js';
import { OutageLog } from '../tracking/outage-log.js';

const RECONNECT = { baseMs: 250, maxMs: 5000 };
/** What pg_stat_activity shows for these connections. */
export const LISTEN_APPLICATION_NAME = 'sales-forecast events (LISTEN)';
export const NOTIFY_APPLICATION_NAME = 'sales-forecast events (NOTIFY)';
/** Channel names go into LISTEN unquoted: ours are fixed lower-case identifiers. */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface NotificationSubscriber {
  /** A NOTIFY payload on the channel (from any process, this one included). */
  onPayload(payload: string): void;
  /**
   * The LISTEN connection is back after an outage: notifications sent meanwhile were missed.
   * @param lostAt - when this process noticed the connection was gone (its own clock)
   */
  onReconnected?(lostAt: Date): void;
}

export class PgNotifications {
  private readonly outage: OutageLog;
  private readonly subscribers = new Map<string, Set<NotificationSubscriber>>();
  private listener?: pg.Client;
  /** The first connect, while in progress: concurrent `listen` calls wait for the same one. */
  private connecting?: Promise<void>;
  private reconnectTimer?: NodeJS.Timeout;
  private lostAt = new Date();
  private sender?: pg.Pool;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {
    this.outage = new OutageLog(logger, 'the database (events of other replicas, LISTEN)');
  }

  /**
   * Subscribes to `channel`, connecting first if this is the first subscriber.
   * @returns unsubscribes (and UNLISTENs once the channel has no subscriber left)
   * @throws when the first connection or the LISTEN fails (nothing is subscribed then)
   */
  async listen(channel: string, subscriber: NotificationSubscriber): Promise<() => Promise<void>> {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`not a channel name: ${channel}`);
    if (this.closed) throw new Error('the notification connections are closed');
    let set = this.subscribers.get(channel);
    const first = !set;
    if (!set) this.subscribers.set(channel, (set = new Set()));
    set.add(subscriber);
    try {
      if (!this.listener && !this.reconnectTimer) await (this.connecting ??= this.connect());
      // During an outage the channel is LISTENed on once the connection is back.
      else if (first && this.listener) await this.listener.query(`LISTEN ${channel}`);
    } catch (error) {
      this.forget(channel, subscriber);
      throw error;
    }
    return async () => {
      if (this.forget(channel, subscriber) && this.listener)
        await this.listener.query(`UNLISTEN ${channel}`).catch(() => undefined);
    };
  }

  /** Sends `payload` on `channel` through the NOTIFY pool. @throws when the database is away. */
  async notify(channel: string, payload: string): Promise<void> {
    if (this.closed) throw new Error('the notification connections are closed');
    if (!this.sender) {
      // Two: a NOTIFY is quick, and each channel sends one at a time.
      this.sender = new pg.Pool({
        connectionString: this.databaseUrl,
        application_name: NOTIFY_APPLICATION_NAME,
        max: 2,
        allowExitOnIdle: true,
      });
      // An idle pooled connection that the server closes emits here; the pool drops it and opens another.
      this.sender.on('error', (err) => this.logger.debug({ err }, 'an idle NOTIFY connection was closed'));
    }
    await this.sender.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /** Closes both connections; subscribers get nothing more. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await this.connecting?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    await this.sender?.end().catch(() => undefined);
    this.listener = this.sender = undefined;
  }

  /** @returns whether `channel` is left without subscribers (and was dropped) */
  private forget(channel: string, subscriber: NotificationSubscriber): boolean {
    const set = this.subscribers.get(channel);
    if (!set?.delete(subscriber) || set.size) return false;
    this.subscribers.delete(channel);
    return true;
  }

  /** Opens the LISTEN connection and LISTENs on every channel subscribed so far. */
  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: LISTEN_APPLICATION_NAME,
      keepAlive: true,
    });
    client.on('notification', ({ channel, payload }) => {
      if (payload === undefined) return;
      for (const subscriber of this.subscribers.get(channel) ?? []) subscriber.onPayload(payload);
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      for (const channel of this.subscribers.keys()) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    } finally {
      this.connecting = undefined;
    }
    if (this.closed) return void (await client.end().catch(() => undefined));
    this.listener = client;
  }

  /** The LISTEN connection died: forget it and reconnect. */
  private lost(client: pg.Client, error: Error): void {
    if (this.closed || client !== this.listener) return;
    this.listener = undefined;
    this.lostAt = new Date();
    void client.end().catch(() => undefined);
    this.outage.failed(error);
    this.reconnect(1);
  }

  private reconnect(attempt: number): void {
    this.reconnectTimer = setTimeout(
      () => {
        this.connect().then(
          () => {
            this.reconnectTimer = undefined;
            if (this.closed) return;
            this.outage.recovered();
            for (const set of this.subscribers.values())
              for (const subscriber of set) subscriber.onReconnected?.(this.lostAt);
          },
          (error: unknown) => {
            if (this.closed) return;
            this.outage.failed(error);
            this.reconnect(attempt + 1);
          },
        );
      },
      computeBackoff(attempt, RECONNECT),
    );
    this.reconnectTimer.unref();
  }
}
