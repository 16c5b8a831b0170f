import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';
import { createWsTestClient } from '../utils/ws-test-client.js';

const SUBSCRIPTION = 'subscription { trainingProgress { runId } }';

describe('WebSocket limits per client', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      extraConfig: 'api:\n  max_connections_per_ip: 3\n  max_subscriptions_per_connection: 2',
    });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  /** A raw graphql-ws socket: resolves with the ack, or with the close code if it is closed first. */
  function connect(): Promise<{ socket: WebSocket; closed?: number; reason?: string }> {
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    return new Promise((resolve) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.on('message', () => resolve({ socket }));
      socket.on('close', (code, reason) => resolve({ socket, closed: code, reason: reason.toString() }));
    });
  }

  it('should close connections over the per-IP limit with 4429 and accept again when one leaves', async () => {
    const open = await Promise.all([connect(), connect(), connect()]);
    expect(open.map((c) => c.closed)).toEqual([undefined, undefined, undefined]);
    const refused = await connect();
    expect(refused.closed).toBe(4429);
    expect(refused.reason).toMatch(/too many connections/);

    open[0]!.socket.close();
    await new Promise((r) => open[0]!.socket.once('close', r));
    const again = await waitForValue(connect, (c) => c.closed === undefined || c.closed !== 4429, {
      timeoutMs: 5_000,
    });
    expect(again.closed).toBeUndefined();
    const sockets = [...open.slice(1), again].map((c) => c.socket);
    await Promise.all(sockets.map((s) => new Promise((r) => (s.once('close', r), s.close()))));
  });

  it('should answer a subscription over the per-connection limit with a coded error', async () => {
    const client = createWsTestClient(server.wsUrl);
    const errors: unknown[] = [];
    try {
      for (let i = 0; i < 3; i++)
        client.subscribe({ query: SUBSCRIPTION }, { next() {}, error: (e) => errors.push(e), complete() {} });
      await waitForValue(
        async () => errors.length,
        (n) => n > 0,
        { timeoutMs: 10_000 },
      );
      const [error] = errors[0] as { message: string; extensions?: { code?: string; reason?: string } }[];
      expect(error!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error!.extensions?.reason).toBe('TOO_MANY_SUBSCRIPTIONS');
      // The first two keep running.
      expect(server.app.services.hub.subscriberCount).toBe(2);
    } finally {
      await client.dispose();
    }
  });
});
