import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../test/utils/throwaway-postgres.js';
import { waitForValue } from '../../../test/utils/wait-for.js';
import { PgNotifications } from '../../db/pg-notifications.js';
import type { CategoryChange } from './apply-sales.js';
import { SalesEventBridge } from './sales-event-bridge.js';
import { SalesEvents } from './sales-events.js';

const change = (days: number): CategoryChange => ({
  name: 'Beauty',
  added: false,
  firstDate: '2024-01-01',
  lastDate: '2024-02-01',
  days,
});

/** `promise`, or a failure after 30 s (the reconnect takes a few seconds at most). */
const within = <T>(promise: Promise<T>) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('nothing arrived within 30 s')), 30_000),
    ),
  ]);

// A cluster of the test's own: it is restarted to play an outage.
describe('SalesEventBridge', () => {
  let cluster: ThrowawayPostgres;
  beforeAll(async () => {
    cluster = await startThrowawayPostgres();
  }, 120_000);
  afterAll(async () => cluster?.dispose());

  it('should carry sales events to another replica in order, also after a database restart', async () => {
    const logger = pino({ level: 'silent' });
    const [eventsA, eventsB] = [new SalesEvents(), new SalesEvents()];
    const received: number[] = [];
    const processes = [eventsA, eventsB].map(() => new PgNotifications(cluster.adminUrl, logger));
    const bridges = [eventsA, eventsB].map(
      (events, i) => new SalesEventBridge(events, processes[i]!, logger, async () => null),
    );
    await Promise.all(bridges.map((b) => b.start()));
    const live = eventsB.subscribe('sales');
    void (async () => {
      for await (const event of live) received.push(event.days);
    })();
    try {
      for (let days = 1; days <= 100; days++) eventsA.publish('sales', change(days));
      await waitForValue(
        async () => received.length,
        (n) => n >= 100,
        { timeoutMs: 20_000 },
      );
      expect(received).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

      await cluster.stop('fast');
      await cluster.start();
      // The receiver's LISTEN connection died with the server: it must listen again by itself. Probe until
      // one event gets through, then check the ones after it all arrive in order.
      let probe = 1000;
      await waitForValue(
        async () => {
          eventsA.publish('sales', change(++probe));
          return received.some((d) => d > 1000);
        },
        (through) => through,
        { timeoutMs: 30_000, intervalMs: 250 },
      );
      received.length = 0;
      for (let days = 2001; days <= 2100; days++) eventsA.publish('sales', change(days));
      await waitForValue(
        async () => received.filter((d) => d > 2000).length,
        (n) => n >= 100,
        {
          timeoutMs: 20_000,
        },
      );
      expect(received.filter((d) => d > 2000)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2001));
    } finally {
      await live.return?.();
      await Promise.all(bridges.map((b) => b.stop()));
      await Promise.all(processes.map((p) => p.close()));
    }
  }, 90_000);

  it('should re-read what changed while its LISTEN connection was down, once it is back', async () => {
    const logger = pino({ level: 'silent' });
    const events = new SalesEvents();
    const asked: Date[] = [];
    const missed = change(42);
    const notifications = new PgNotifications(cluster.adminUrl, logger);
    const bridge = new SalesEventBridge(
      events,
      notifications,
      logger,
      async () => null,
      async (since) => {
        asked.push(since);
        return { sales: [missed], imports: [{ id: 'i-1', status: 'SUCCEEDED' }] };
      },
    );
    await bridge.start();
    const [sales, imports] = [events.subscribe('sales'), events.subscribe('import')];
    try {
      const stoppedAt = Date.now();
      await cluster.stop('fast');
      await cluster.start();
      expect((await within(sales.next())).value).toEqual(missed);
      expect((await within(imports.next())).value).toEqual({ id: 'i-1', status: 'SUCCEEDED' });
      expect(asked).toHaveLength(1);
      // From before the outage was noticed: changes just before the connection's error are included.
      expect(asked[0]!.getTime()).toBeLessThan(stoppedAt);
    } finally {
      await sales.return?.();
      await imports.return?.();
      await bridge.stop();
      await notifications.close();
    }
  }, 90_000);
});
