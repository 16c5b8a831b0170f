import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { collect, createWsTestClient } from '../utils/ws-test-client.js';

const KEY = 'test-key-0123456789';
const TRAIN = 'mutation { train(input: { categories: ["Beauty"], epochs: 1 }) { id } }';

describe('API key', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ apiKey: KEY });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('should let queries through without the key', async () => {
    const res = await gql(server, '{ categories { name } }');
    expect(res.errors).toBeUndefined();
  });

  it.each([
    ['no key', {}],
    ['a wrong bearer token', { authorization: 'Bearer nope' }],
    ['a wrong x-api-key', { 'x-api-key': 'nope' }],
  ])('should refuse train with UNAUTHENTICATED and write nothing when given %s', async (_name, headers) => {
    const before = await server.prisma.run.count();
    const res = await gql(server, TRAIN, undefined, headers);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await server.prisma.run.count()).toBe(before);
  });

  it('should refuse trainAll and cancelRun without the key', async () => {
    for (const op of [
      'mutation { trainAll { id } }',
      'mutation { cancelRun(id: "00000000-0000-0000-0000-000000000000") { id } }',
    ]) {
      const res = await gql(server, op);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('should accept the key as a bearer token and as x-api-key', async () => {
    const first = await gql<{ train: { id: string }[] }>(server, TRAIN, undefined, {
      authorization: `Bearer ${KEY}`,
    });
    expect(first.errors).toBeUndefined();
    const cancel = await gql(
      server,
      `mutation { cancelRun(id: "${first.data!.train[0]!.id}") { status } }`,
      undefined,
      {
        'x-api-key': KEY,
      },
    );
    expect(cancel.errors?.[0]?.extensions?.code ?? 'OK').toMatch(/OK|CONFLICT/); // it may have finished already
  });

  it('should close a WebSocket whose connection_init carries a wrong key', async () => {
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { apiKey: 'nope' } })),
    );
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(code).toBe(4403);
  });

  it('should refuse mutations over a WebSocket without the key and accept them with it', async () => {
    const anonymous = createWsTestClient(server.wsUrl);
    const [refused] = await collect(anonymous, TRAIN, () => true);
    await anonymous.dispose();
    expect(JSON.stringify(refused)).toContain('UNAUTHENTICATED');

    const keyed = createWsTestClient(server.wsUrl, { apiKey: KEY });
    const [accepted] = await collect<{ serverInfo: { version: string } }>(
      keyed,
      '{ serverInfo { version } }',
      () => true,
    );
    await keyed.dispose();
    expect(accepted!.data?.serverInfo.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
