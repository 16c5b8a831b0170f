/**
 * Carries sales events between API replicas on one Postgres (LISTEN/NOTIFY on `sales_events`), so a
 * `salesUpdated` or `importProgress` subscriber on any replica sees writes and imports made on another.
 * A `sales` event travels whole; an `import` event travels as its id and is re-read from the ledger on
 * arrival (an Import with its bad lines can exceed NOTIFY's 8 kB payload), so remote subscribers see the
 * progress the ledger has (written every second). Ordering, the bounded send queue and reconnecting after
 * outages are the `NotifyChannel`'s (shared with the training events). Once its LISTEN connection is back,
 * what changed while it was away is re-read from the store and delivered (categories whose data moved
 * on, imports that ran or ended), so a live chart or progress bar does not stay stale. Only for
 * DATABASE_URL servers; started by app.ts.
 */
import type { Logger } from 'pino';
import type { PgNotifications } from '../../db/pg-notifications.js';
import { NotifyChannel } from '../../graphql/notify-channel.js';
import type { CategoryChange } from './apply-sales.js';
import type { ImportEvent, SalesEventMap, SalesEvents, SalesTopic } from './sales-events.js';

type Message = { topic: 'sales'; event: SalesEventMap['sales'] } | { topic: 'import'; id: string };

/** What changed in the store since a moment: re-read after an outage. */
export type ReadChangedSince = (since: Date) => Promise<{ sales: CategoryChange[]; imports: ImportEvent[] }>;

/**
 * How far before the outage was noticed the re-read starts: the connection may have died a little before
 * its error arrived, and the store's timestamps come from the database's clock, not this process's.
 */
const RESYNC_MARGIN_MS = 60_000;

export class SalesEventBridge {
  private readonly channel: NotifyChannel;

  constructor(
    private readonly events: SalesEvents,
    notifications: PgNotifications,
    private readonly logger: Logger,
    /** Reads an import's current state (for `import` events from other replicas). */
    private readonly readImport: (id: string) => Promise<ImportEvent | null>,
    /** Reads what changed since a moment (after an outage); without it nothing is re-read. */
    private readonly readChangedSince?: ReadChangedSince,
  ) {
    this.channel = new NotifyChannel({
      channel: 'sales_events',
      notifications,
      logger,
      what: 'sales events',
      onMessage: (message) => void this.receive(message as Message),
      onReconnected: (lostAt) => void this.resync(new Date(lostAt.getTime() - RESYNC_MARGIN_MS)),
    });
  }

  /** LISTENs, and forwards this process's sales events. @throws when the first LISTEN fails. */
  async start(): Promise<void> {
    await this.channel.start();
    this.events.onLocalPublish = (topic, event) => this.send(topic, event);
  }

  async stop(): Promise<void> {
    this.events.onLocalPublish = undefined;
    await this.channel.stop();
  }

  private send<T extends SalesTopic>(topic: T, event: SalesEventMap[T]): void {
    const message: Message =
      topic === 'sales'
        ? { topic: 'sales', event: event as SalesEventMap['sales'] }
        : { topic: 'import', id: (event as ImportEvent).id };
    this.channel.send(message);
  }

  /** Delivers here what the store says changed since `since` (events of other replicas missed meanwhile). */
  private async resync(since: Date): Promise<void> {
    if (!this.readChangedSince) return;
    try {
      const { sales, imports } = await this.readChangedSince(since);
      for (const change of sales) this.events.publish('sales', change, { remote: true });
      for (const state of imports) this.events.publish('import', state, { remote: true });
    } catch (err) {
      this.logger.warn({ err }, 'could not re-read the sales changes missed during a database outage');
    }
  }

  private async receive(message: Message): Promise<void> {
    try {
      if (message.topic === 'sales') return this.events.publish('sales', message.event, { remote: true });
      const state = await this.readImport(message.id);
      if (state) this.events.publish('import', state, { remote: true });
    } catch (err) {
      this.logger.warn({ err }, 'could not deliver a sales event from another replica');
    }
  }
}
