/**
 * Fans training events out across API replicas that share one Postgres: every event published in this
 * process is also sent with NOTIFY, and events NOTIFYed by other processes are published to the local hub,
 * so a subscriber connected to any replica sees every run's epochs live. Only for DATABASE_URL servers
 * (the embedded database serves a single process). Started and stopped by app.ts.
 * Ordering, the bounded send queue and reconnecting after outages are the `NotifyChannel`'s; once its
 * LISTEN connection is back, the hub asks its subscribers to re-read the store (`resync`), which covers
 * the events NOTIFYed while it was away.
 */
import type { Logger } from 'pino';
import type { PgNotifications } from '../db/pg-notifications.js';
import type { TrainingEvent } from '../modules/runs/run-event.type.js';
import { NotifyChannel } from './notify-channel.js';
import type { RunEventHub } from './run-event-hub.js';

export class RunEventBridge {
  private readonly channel: NotifyChannel;

  constructor(
    private readonly hub: RunEventHub,
    notifications: PgNotifications,
    logger: Logger,
  ) {
    this.channel = new NotifyChannel({
      channel: 'training_events',
      notifications,
      logger,
      what: 'training events',
      onMessage: ({ event }) => hub.publish(event as TrainingEvent, { remote: true }),
      onReconnected: () => hub.resync(),
    });
  }

  /** LISTENs, and forwards this hub's events to other replicas. @throws when the first LISTEN fails. */
  async start(): Promise<void> {
    await this.channel.start();
    this.hub.onLocalPublish = (event) => this.channel.send({ event });
  }

  async stop(): Promise<void> {
    this.hub.onLocalPublish = undefined;
    await this.channel.stop();
  }
}
