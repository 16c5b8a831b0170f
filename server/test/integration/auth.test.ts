/**
 * Who may do what over HTTP and WebSocket (PRODUCT.md "Who may do what"): API_KEY as an admin key,
 * per-client scoped keys (made through the same service as the keys CLI), revocation, last use, and
 * the read scope of queries and subscriptions. Runs on Postgres and, by `npm run test:embedded`, PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Scope } from '../../src/modules/auth/scopes.js';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';
import { collect, createWsTestClient } from '../utils/ws-test-client.js';

const ADMIN_KEY = 'test-key-0123456789';
const TRAIN = 'mutation { train(input: { categories: ["Beauty"], epochs: 1 }) { id } }';
const CANCEL_NONE = 'mutation { cancelRun(id: "00000000-0000-0000-0000-000000000000") { id } }';
const PREDICT =
  'mutation { predict(input: { category: "Toys", series: [1,2,3,4,5,6,7,8,9,10,11,12,13,14] }) { values } }';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

/** The first result of an operation over graphql-ws; errors of a refused operation as `{ errors }`. */
async function firstResult(client: Client, query: string) {
  try {
    const [result] = await collect(client, query, () => true);
    return result!;
  } catch (errors) {
    return { errors: errors as unknown[] };
  }
}

/** Opens a raw graphql-ws socket and resolves with its close code after connection_init. */
function closeCodeAfterInit(url: string, payload: unknown): Promise<number> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
  return new Promise((resolve) => socket.on('close', (c) => resolve(c)));
}

describe('API_KEY (admin key)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ apiKey: ADMIN_KEY });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('should refuse queries with 401 UNAUTHENTICATED when no credentials are given', async () => {
    const res = await gql(server, '{ categories { name } }');
    expect(res.status).toBe(401);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(/"read" scope/);
  });

  it.each([
    ['no key', {}],
    ['a wrong bearer token', { authorization: 'Bearer nope' }],
    ['a wrong x-api-key', { 'x-api-key': 'nope' }],
    ['a made-up key', { authorization: 'Bearer sfk_madeup' }],
  ])('should refuse train with UNAUTHENTICATED and write nothing when given %s', async (_name, headers) => {
    const before = await server.prisma.run.count();
    const res = await gql(server, TRAIN, undefined, headers);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(await server.prisma.run.count()).toBe(before);
  });

  it('should refuse trainAll and cancelRun without the key', async () => {
    for (const op of ['mutation { trainAll { id } }', CANCEL_NONE]) {
      expect(codeOf(await gql(server, op))).toBe('UNAUTHENTICATED');
    }
  });

  it('should accept the key as a bearer token and as x-api-key', async () => {
    expect(
      (await gql(server, '{ categories { name } }', undefined, { 'x-api-key': ADMIN_KEY })).errors,
    ).toBeUndefined();
    const first = await gql<{ train: { id: string }[] }>(server, TRAIN, undefined, bearer(ADMIN_KEY));
    expect(first.errors).toBeUndefined();
    const cancel = await gql(
      server,
      `mutation { cancelRun(id: "${first.data!.train[0]!.id}") { status } }`,
      undefined,
      {
        'x-api-key': ADMIN_KEY,
      },
    );
    expect(codeOf(cancel) ?? 'OK').toMatch(/OK|CONFLICT/); // it may have finished already
  });

  it('should close a WebSocket whose connection_init carries a wrong key or ticket', async () => {
    expect(await closeCodeAfterInit(server.wsUrl, { apiKey: 'nope' })).toBe(4403);
    expect(await closeCodeAfterInit(server.wsUrl, { ticket: 'sft_unknown' })).toBe(4403);
  });

  it('should refuse subscriptions and mutations over a WebSocket without the key and accept them with it', async () => {
    const anonymous = createWsTestClient(server.wsUrl);
    const refusedSub = await firstResult(anonymous, 'subscription { trainingProgress { runId } }');
    const refusedTrain = await firstResult(anonymous, TRAIN);
    await anonymous.dispose();
    expect(JSON.stringify(refusedSub)).toContain('UNAUTHENTICATED');
    expect(JSON.stringify(refusedTrain)).toContain('UNAUTHENTICATED');

    const keyed = createWsTestClient(server.wsUrl, { apiKey: ADMIN_KEY });
    const [accepted] = await collect<{ serverInfo: { version: string } }>(
      keyed,
      '{ serverInfo { version } }',
      () => true,
    );
    await keyed.dispose();
    expect(accepted!.data?.serverInfo.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('per-client API keys', () => {
  let server: TestServer;
  const makeKey = async (name: string, scopes: Scope[]) => {
    const made = await server.app.services.auth.apiKeys.create({ name, scopes });
    server.app.services.auth.authenticator.invalidate();
    return made;
  };
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('should leave the API open while no key, user or API_KEY exists', async () => {
    expect((await gql(server, '{ categories { name } }')).errors).toBeUndefined();
    expect(codeOf(await gql(server, CANCEL_NONE))).toBe('NOT_FOUND'); // past the guard: the run is unknown
  });

  it('should protect every operation once a key exists, and let each key do only what its scopes allow', async () => {
    const reader = await makeKey('reader', ['read', 'predict']);
    const trainer = await makeKey('trainer', ['read', 'train']);
    expect(reader.key).toMatch(/^sfk_/);
    expect(await server.prisma.apiKey.count({ where: { keyHash: { contains: reader.key } } })).toBe(0); // hashed

    expect(codeOf(await gql(server, '{ categories { name } }'))).toBe('UNAUTHENTICATED');
    expect(
      (await gql(server, '{ categories { name } }', undefined, bearer(reader.key))).errors,
    ).toBeUndefined();

    const before = await server.prisma.run.count();
    const refused = await gql(server, TRAIN, undefined, bearer(reader.key));
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(
      /key "reader" may not use train: it needs the "train" scope/,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ requiredScope: 'train' });
    expect(await server.prisma.run.count()).toBe(before);

    // predict passes the guard (Toys has no model: NOT_FOUND) for the reader, not for the trainer.
    expect(codeOf(await gql(server, PREDICT, undefined, bearer(reader.key)))).toBe('NOT_FOUND');
    expect(codeOf(await gql(server, PREDICT, undefined, bearer(trainer.key)))).toBe('FORBIDDEN');
    expect(codeOf(await gql(server, CANCEL_NONE, undefined, bearer(trainer.key)))).toBe('NOT_FOUND');
  });

  it('should record when a key was last used', async () => {
    const { key, info } = await makeKey('used', ['read']);
    expect(info.lastUsedAt).toBeNull();
    await gql(server, '{ categories { name } }', undefined, bearer(key));
    const used = await waitForValue(
      () => server.prisma.apiKey.findUnique({ where: { id: info.id } }),
      (row) => row?.lastUsedAt != null,
    );
    expect(used!.lastUsedAt!.getTime()).toBeGreaterThan(info.createdAt.getTime() - 1000);
  });

  it('should refuse a revoked key on HTTP and on an open WebSocket', async () => {
    const { key } = await makeKey('soon-revoked', ['read']);
    // One socket for both operations (a lazy client would reconnect, and be refused at connection_init).
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { apiKey: key },
    });
    const [before] = await collect(client, '{ categories { name } }', () => true);
    expect(before!.errors).toBeUndefined();

    await server.app.services.auth.apiKeys.revoke('soon-revoked');
    expect(codeOf(await gql(server, '{ categories { name } }', undefined, bearer(key)))).toBe(
      'UNAUTHENTICATED',
    );
    const after = await firstResult(client, '{ categories { name } }');
    expect(JSON.stringify(after)).toContain('UNAUTHENTICATED');
    await client.dispose();
    expect(await closeCodeAfterInit(server.wsUrl, { apiKey: key })).toBe(4403);
  });
});
