import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';
import { createWsTestClient } from '../utils/ws-test-client.js';
import type { Client } from 'graphql-ws';

const CLIENTS = 100;
const PER_CLIENT = 10; // 1,000 subscriptions
const SUBSCRIPTION = 'subscription { trainingProgress(category: "Beauty") { runId type status epoch } }';

describe('1,000 subscriptions opened at once on the embedded database', () => {
  let server: TestServer;
  let clients: Client[] = [];
  beforeAll(async () => {
    server = await startTestServer({ dbKind: 'embedded' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.dispose();
  });

  it('should share their replay reads, answer HTTP meanwhile, and release everything after', async () => {
    const started = await gql<{ train: { id: string }[] }>(
      server,
      'mutation { train(input: { categories: ["Beauty"], epochs: 100, batchSize: 4 }) { id } }',
    );
    const runId = started.data!.train[0]!.id;
    await waitForValue(
      () => server.prisma.epochMetric.count({ where: { runId } }),
      (n) => n >= 2,
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    const { replays, hub } = server.app.services;
    const before = { ...replays.stats };

    clients = Array.from({ length: CLIENTS }, () => createWsTestClient(server.wsUrl));
    let replayed = 0;
    for (const client of clients)
      for (let i = 0; i < PER_CLIENT; i++) {
        let first = true;
        client.subscribe(
          { query: SUBSCRIPTION },
          { next: () => void (first && ((first = false), replayed++)), error() {}, complete() {} },
        );
      }
    // HTTP requests sent in the middle of the storm are answered, with the storm still opening.
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        gql<{ runs: { totalCount: number } }>(server, '{ runs { totalCount } }'),
      ),
    );
    expect(answers.every((a) => a.data?.runs.totalCount === 1)).toBe(true);

    await waitForValue(
      async () => replayed,
      (n) => n === CLIENTS * PER_CLIENT,
      { timeoutMs: 60_000 },
    );
    const loads = replays.stats.loads - before.loads;
    const shared = replays.stats.shared - before.shared;
    expect(loads + shared).toBe(CLIENTS * PER_CLIENT);
    // Reads are shared by the subscribers waiting together: far fewer than one per subscriber.
    expect(loads).toBeLessThan((CLIENTS * PER_CLIENT) / 10);

    await Promise.all(clients.map((c) => c.dispose()));
    clients = [];
    expect(
      await waitForValue(
        async () => hub.subscriberCount,
        (n) => n === 0,
        { timeoutMs: 10_000 },
      ),
    ).toBe(0);
    await gql(server, `mutation { cancelRun(id: "${runId}") { id } }`);
  });
});
