/**
 * Carries sales events between API replicas on one Postgres (LISTEN/NOTIFY on `sales_events`), so a
 * `salesUpdated` or `importProgress` subscriber on any replica sees writes and imports made on another.
 * A `sales` event travels whole; an `import` event travels as its id and is re-read from the ledger on
 * arrival (an Import with its bad lines can exceed NOTIFY's 8 kB payload), so remote subscribers see the
 * progress the ledger has (written every second). Only for DATABASE_URL servers; started by app.ts.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { ImportEvent, SalesEventMap, SalesEvents, SalesTopic } from './sales-events.js';

const CHANNEL = 'sales_events';

type Envelope = { from: string } & (
  { topic: 'sales'; event: SalesEventMap['sales'] } | { topic: 'import'; id: string }
);

export class SalesEventBridge {
  private readonly id = randomUUID();
  private listener?: pg.Client;
  private sender?: pg.Pool;

  constructor(
    private readonly events: SalesEvents,
    private readonly databaseUrl: string,
    private readonly logger: Logger,
    /** Reads an import's current state (for `import` events from other replicas). */
    private readonly readImport: (id: string) => Promise<ImportEvent | null>,
  ) {}

  async start(): Promise<void> {
    this.listener = new pg.Client({ connectionString: this.databaseUrl });
    this.sender = new pg.Pool({ connectionString: this.databaseUrl, max: 2, allowExitOnIdle: true });
    await this.listener.connect();
    this.listener.on('notification', (message) => void this.receive(message.payload));
    this.listener.on('error', (err) => this.logger.error({ err }, 'sales event listener failed'));
    await this.listener.query(`LISTEN ${CHANNEL}`);
    this.events.onLocalPublish = (topic, event) => this.send(topic, event);
  }

  async stop(): Promise<void> {
    this.events.onLocalPublish = undefined;
    await this.listener?.end().catch(() => undefined);
    await this.sender?.end().catch(() => undefined);
  }

  private send<T extends SalesTopic>(topic: T, event: SalesEventMap[T]): void {
    const envelope: Envelope =
      topic === 'sales'
        ? { from: this.id, topic: 'sales', event: event as SalesEventMap['sales'] }
        : { from: this.id, topic: 'import', id: (event as ImportEvent).id };
    // A lost cross-replica copy only delays other replicas' subscribers; the write itself is committed.
    this.sender
      ?.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(envelope)])
      .catch((err) => this.logger.warn({ err }, 'could not forward a sales event to other replicas'));
  }

  private async receive(payload: string | undefined): Promise<void> {
    try {
      const envelope = JSON.parse(payload ?? '') as Envelope;
      if (envelope.from === this.id) return;
      if (envelope.topic === 'sales') return this.events.publish('sales', envelope.event, { remote: true });
      const state = await this.readImport(envelope.id);
      if (state) this.events.publish('import', state, { remote: true });
    } catch (err) {
      this.logger.warn({ err }, 'ignored a malformed sales event notification');
    }
  }
}
