import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';
import { createWsTestClient } from '../utils/ws-test-client.js';

const SUBSCRIPTION = 'subscription { trainingProgress(category: "Beauty") { runId epoch } }';
const SOCKETS = 60;

describe('closed subscriptions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const subscribers = async () => server.app.services.hub.subscriberCount;

  it('should release the hub listener of every closed socket without waiting for an event', async () => {
    const clients = Array.from({ length: SOCKETS }, () => createWsTestClient(server.wsUrl));
    for (const client of clients)
      client.subscribe({ query: SUBSCRIPTION }, { next() {}, error() {}, complete() {} });
    await waitForValue(subscribers, (n) => n === SOCKETS, { timeoutMs: 20_000 });
    await Promise.all(clients.map((c) => c.dispose()));
    // No training event is published: only the close can release them.
    expect(await waitForValue(subscribers, (n) => n === 0, { timeoutMs: 5_000 })).toBe(0);
  });

  it('should release the listener of a subscription the client completes on an open socket', async () => {
    const client = createWsTestClient(server.wsUrl);
    try {
      const unsubscribe = client.subscribe({ query: SUBSCRIPTION }, { next() {}, error() {}, complete() {} });
      await waitForValue(subscribers, (n) => n === 1, { timeoutMs: 10_000 });
      unsubscribe();
      expect(await waitForValue(subscribers, (n) => n === 0, { timeoutMs: 5_000 })).toBe(0);
    } finally {
      await client.dispose();
    }
  });
});
