import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../test/utils/throwaway-postgres.js';
import { waitForValue } from '../../test/utils/wait-for.js';
import pg from 'pg';
import { LISTEN_APPLICATION_NAME, NOTIFY_APPLICATION_NAME, PgNotifications } from '../db/pg-notifications.js';
import { NotifyChannel } from './notify-channel.js';

// A cluster of the test's own: it is stopped and started to play an outage.
describe('NotifyChannel', () => {
  let cluster: ThrowawayPostgres;
  beforeAll(async () => {
    cluster = await startThrowawayPostgres();
  }, 120_000);
  afterAll(async () => cluster?.dispose());
  const logger = pino({ level: 'silent' });
  /** A process's connections: each test plays two processes. */
  let processes: PgNotifications[] = [];
  const newProcess = () => {
    const notifications = new PgNotifications(cluster.adminUrl, logger);
    processes.push(notifications);
    return notifications;
  };
  afterEach(async () => {
    await Promise.all(processes.map((p) => p.close()));
    processes = [];
  });

  const open = (
    received: number[],
    reconnects: { count: number },
    notifications = newProcess(),
    channel = 'notify_channel_test',
  ) =>
    new NotifyChannel({
      channel,
      notifications,
      logger,
      what: 'test messages',
      onMessage: (message) => void received.push(message.n as number),
      onReconnected: () => void reconnects.count++,
    });

  it('should deliver messages sent during a database restart in order once it is back', async () => {
    const received: number[] = [];
    const reconnects = { count: 0 };
    const [a, b] = [open([], { count: 0 }), open(received, reconnects)];
    await Promise.all([a.start(), b.start()]);
    try {
      for (let n = 1; n <= 50; n++) a.send({ n });
      await waitForValue(
        async () => received.length,
        (count) => count >= 50,
        { timeoutMs: 20_000 },
      );
      await cluster.stop('fast');
      // Sent while the database is down: queued, retried, and sent in order once it is back.
      for (let n = 51; n <= 150; n++) a.send({ n });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await cluster.start();
      await waitForValue(
        async () => reconnects.count,
        (count) => count >= 1,
        { timeoutMs: 30_000 },
      );
      for (let n = 151; n <= 200; n++) a.send({ n });
      await waitForValue(
        async () => received.at(-1),
        (last) => last === 200,
        { timeoutMs: 30_000 },
      );
      // A NOTIFY that reached the database before the receiver listened again is not delivered to it
      // (the hub's resync re-reads the store for those); everything else arrives once, in order.
      expect(received.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(received.slice(-50)).toEqual(Array.from({ length: 50 }, (_, i) => i + 151));
      expect(received.every((n, i) => i === 0 || n > received[i - 1]!)).toBe(true);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 90_000);

  it('should send what is queued before it stops', async () => {
    const received: number[] = [];
    const [a, b] = [open([], { count: 0 }), open(received, { count: 0 })];
    await Promise.all([a.start(), b.start()]);
    try {
      for (let n = 1; n <= 300; n++) a.send({ n });
      await a.stop(); // at once, as a worker does on SIGTERM after marking its run interrupted
      await waitForValue(
        async () => received.length,
        (count) => count >= 300,
        { timeoutMs: 10_000 },
      );
      expect(received).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 60_000);

  /**
   * Three channels in each of two processes (sender, receiver), started; `sendAll(n)` sends 1..n on each
   * sending channel, `delivered(n)` waits until each receiving channel got n and checks they came in order.
   */
  async function threeChannels(prefix: string) {
    const names = ['training', 'sales', 'queue'].map((name) => `${prefix}_${name}`);
    const [sender, receiver] = [newProcess(), newProcess()];
    const received = names.map(() => [] as number[]);
    const reconnects = names.map(() => ({ count: 0 }));
    const sending = names.map((name) => open([], { count: 0 }, sender, name));
    const receiving = names.map((name, i) => open(received[i]!, reconnects[i]!, receiver, name));
    await Promise.all([...sending, ...receiving].map((c) => c.start()));
    return {
      reconnects,
      sendAll: (n: number) => {
        for (let i = 1; i <= n; i++) sending.forEach((channel) => channel.send({ n: i }));
      },
      delivered: async (n: number) => {
        await waitForValue(
          async () => received.every((r) => r.length >= n),
          (all) => all,
          { timeoutMs: 30_000 },
        );
        // Each channel's messages arrived whole and in order, only to that channel's subscriber.
        for (const r of received) expect(r).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      },
      stop: () => Promise.all([...sending, ...receiving].map((c) => c.stop())),
    };
  }

  it("should share one LISTEN connection and one NOTIFY pool among a process's channels", async () => {
    const channels = await threeChannels('shared');
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    try {
      channels.sendAll(100);
      await channels.delivered(100);
      const { rows } = await admin.query<{ application_name: string; count: string }>(
        'SELECT application_name, count(*) FROM pg_stat_activity WHERE application_name = ANY($1) GROUP BY 1',
        [[LISTEN_APPLICATION_NAME, NOTIFY_APPLICATION_NAME]],
      );
      const count = (name: string) => Number(rows.find((r) => r.application_name === name)?.count ?? 0);
      // Six channels, two processes: one LISTEN connection each; only the sender opened its NOTIFY pool.
      expect(count(LISTEN_APPLICATION_NAME)).toBe(2);
      expect(count(NOTIFY_APPLICATION_NAME)).toBeLessThanOrEqual(2);
      expect(count(NOTIFY_APPLICATION_NAME)).toBeGreaterThanOrEqual(1);
    } finally {
      await admin.end();
      await channels.stop();
    }
  }, 60_000);

  it('should listen on every channel again after a restart and tell each channel it reconnected', async () => {
    const channels = await threeChannels('again');
    try {
      await cluster.stop('fast');
      await cluster.start();
      await waitForValue(
        async () => channels.reconnects.every((r) => r.count >= 1),
        (all) => all,
        { timeoutMs: 30_000 },
      );
      channels.sendAll(50);
      await channels.delivered(50);
      // One reconnect, told once to each channel's owner.
      expect(channels.reconnects.map((r) => r.count)).toEqual([1, 1, 1]);
    } finally {
      await channels.stop();
    }
  }, 90_000);
});
