/**
 * Fans training events out across API replicas that share one Postgres: every event published in this
 * process is also sent with NOTIFY, and events NOTIFYed by other processes are published to the local hub,
 * so a subscriber connected to any replica sees every run's epochs live. Only for DATABASE_URL servers
 * (the embedded database serves a single process). Started and stopped by app.ts.
 * Database outages: every connection has an error handler (an idle one dying must not crash the
 * process); a lost LISTEN connection is re-opened with backoff, and once it listens again the hub asks
 * its subscribers to re-read the store (`resync`), which covers the events NOTIFYed while it was away.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { TrainingEvent } from '../modules/runs/run-event.type.js';
import { computeBackoff } from '../tracking/backoff.js';
import { OutageLog } from '../tracking/outage-log.js';
import type { RunEventHub } from './run-event-hub.js';

const CHANNEL = 'training_events';
const RECONNECT = { baseMs: 250, maxMs: 5000 };
/** Events kept for other replicas while NOTIFY fails (an outage): enough for minutes of epochs. */
const MAX_QUEUED = 10_000;

interface Envelope {
  from: string;
  event: TrainingEvent;
}

export class RunEventBridge {
  private readonly id = randomUUID();
  private readonly outage: OutageLog;
  private listener?: pg.Client;
  private sender?: pg.Pool;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;
  /** Serialised events waiting for NOTIFY, oldest first. */
  private readonly outbox: string[] = [];
  private sending = false;

  constructor(
    private readonly hub: RunEventHub,
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {
    this.outage = new OutageLog(logger, 'the database (training events of other replicas)');
  }

  /** LISTENs, and forwards this hub's events to other replicas. @throws when the first LISTEN fails. */
  async start(): Promise<void> {
    this.sender = new pg.Pool({ connectionString: this.databaseUrl, max: 2, allowExitOnIdle: true });
    // An idle pooled connection that the server closes emits here; the pool drops it and opens another.
    this.sender.on('error', (err) => this.logger.debug({ err }, 'an idle NOTIFY connection was closed'));
    await this.listen();
    this.hub.onLocalPublish = (event) => this.send(event);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.hub.onLocalPublish = undefined;
    await this.listener?.end().catch(() => undefined);
    await this.sender?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, keepAlive: true });
    client.on('notification', (message) => this.receive(message.payload));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
  }

  /** The LISTEN connection died: forget it and reconnect (events missed meanwhile come from the store). */
  private lost(client: pg.Client, error: Error): void {
    if (this.stopped || client !== this.listener) return;
    this.listener = undefined;
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
            this.hub.resync();
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

  /**
   * Queues an event for NOTIFY. Sends go one at a time, in publish order: two in flight on two connections
   * could reach other replicas out of order, and a subscriber there keeps only epochs newer than the last
   * one it sent (a reordered epoch would be dropped). A failed send (a connection the database closed
   * during an outage) is retried with backoff; the queue is bounded, and what overflows it is left to the
   * store (subscribers re-read it when the LISTEN connection comes back).
   */
  private send(event: TrainingEvent): void {
    if (this.outbox.length >= MAX_QUEUED) {
      this.outbox.shift();
      this.logger.warn('training events for other replicas are piling up; dropped the oldest');
    }
    this.outbox.push(JSON.stringify({ from: this.id, event } satisfies Envelope));
    if (!this.sending) void this.flush();
  }

  private async flush(): Promise<void> {
    this.sending = true;
    let attempt = 0;
    while (!this.stopped && this.sender && this.outbox.length) {
      try {
        await this.sender.query('SELECT pg_notify($1, $2)', [CHANNEL, this.outbox[0]]);
        this.outbox.shift();
        attempt = 0;
      } catch (err) {
        this.logger.debug({ err }, 'could not forward a training event to other replicas; retrying');
        await new Promise((resolve) => setTimeout(resolve, computeBackoff(++attempt, RECONNECT)).unref());
      }
    }
    this.sending = false;
  }

  private receive(payload: string | undefined): void {
    if (!payload) return;
    try {
      const { from, event } = JSON.parse(payload) as Envelope;
      if (from !== this.id) this.hub.publish(event, { remote: true });
    } catch (err) {
      this.logger.warn({ err }, 'ignored a malformed training event notification');
    }
  }
}
