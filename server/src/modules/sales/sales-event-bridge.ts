/**
 * Carries sales events between API replicas on one Postgres (LISTEN/NOTIFY on `sales_events`), so a
 * `salesUpdated` or `importProgress` subscriber on any replica sees writes and imports made on another.
 * A `sales` event travels whole; an `import` event travels as its id and is re-read from the ledger on
 * arrival (an Import with its bad lines can exceed NOTIFY's 8 kB payload), so remote subscribers see the
 * progress the ledger has (written every second). Ordering, the bounded send queue and reconnecting after
 * outages are the `NotifyChannel`'s (shared with the training events). Only for DATABASE_URL servers;
 * started by app.ts.
 */
import type { Logger } from 'pino';
import { NotifyChannel } from '../../graphql/notify-channel.js';
import type { ImportEvent, SalesEventMap, SalesEvents, SalesTopic } from './sales-events.js';

type Message = { topic: 'sales'; event: SalesEventMap['sales'] } | { topic: 'import'; id: string };

export class SalesEventBridge {
  private readonly channel: NotifyChannel;

  constructor(
    private readonly events: SalesEvents,
    databaseUrl: string,
    private readonly logger: Logger,
    /** Reads an import's current state (for `import` events from other replicas). */
    private readonly readImport: (id: string) => Promise<ImportEvent | null>,
  ) {
    this.channel = new NotifyChannel({
      channel: 'sales_events',
      databaseUrl,
      logger,
      what: 'sales events',
      onMessage: (message) => void this.receive(message as Message),
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
