/**
 * Fans training events out across API replicas that share one Postgres: every event published in this
 * process is also sent with NOTIFY, and events NOTIFYed by other processes are published to the local hub,
 * so a subscriber connected to any replica sees every run's epochs live. Only for DATABASE_URL servers
 * (the embedded database serves a single process). Started and stopped by app.ts.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { TrainingEvent } from '../modules/runs/run-event.type.js';
import type { RunEventHub } from './run-event-hub.js';

const CHANNEL = 'training_events';

interface Envelope {
  from: string;
  event: TrainingEvent;
}

export class RunEventBridge {
  private readonly id = randomUUID();
  private listener?: pg.Client;
  private sender?: pg.Pool;

  constructor(
    private readonly hub: RunEventHub,
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  /** LISTENs, and forwards this hub's events to other replicas. */
  async start(): Promise<void> {
    this.listener = new pg.Client({ connectionString: this.databaseUrl });
    this.sender = new pg.Pool({ connectionString: this.databaseUrl, max: 2, allowExitOnIdle: true });
    await this.listener.connect();
    this.listener.on('notification', (message) => this.receive(message.payload));
    this.listener.on('error', (err) => this.logger.error({ err }, 'training event listener failed'));
    await this.listener.query(`LISTEN ${CHANNEL}`);
    this.hub.onLocalPublish = (event) => this.send(event);
  }

  async stop(): Promise<void> {
    this.hub.onLocalPublish = undefined;
    await this.listener?.end().catch(() => undefined);
    await this.sender?.end().catch(() => undefined);
  }

  private send(event: TrainingEvent): void {
    const payload = JSON.stringify({ from: this.id, event } satisfies Envelope);
    // Losing a cross-replica copy only delays other replicas' subscribers until their next replay; the
    // event itself is already stored. So log, don't throw into the training path.
    this.sender
      ?.query('SELECT pg_notify($1, $2)', [CHANNEL, payload])
      .catch((err) => this.logger.warn({ err }, 'could not forward a training event to other replicas'));
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
