/**
 * Web app sessions on the API: sign-in through `/auth/sessions` (argon2id check, rate-limited per email),
 * the session token as a bearer with its role's scopes, one-use WebSocket tickets, sign-out ending the
 * session on HTTP and on an open socket, and plots needing `read`. Postgres and, by test:embedded, PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { collect } from '../utils/ws-test-client.js';

const CANCEL_NONE = 'mutation { cancelRun(id: "00000000-0000-0000-0000-000000000000") { id } }';
const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

describe('sessions', () => {
  let server: TestServer;
  const post = (path: string, body?: unknown, token?: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const signIn = async (email: string, password: string) => {
    const res = await post('/auth/sessions', { email, password });
    return { status: res.status, body: (await res.json()) as { token?: string; error?: { code: string } } };
  };
  const closeCode = (params: unknown) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: params })));
      socket.on('close', (code) => resolve(code));
    });

  beforeAll(async () => {
    server = await startTestServer({ extraConfig: 'api:\n  rate_limits:\n    sign_in: 3' });
    const { users, authenticator } = server.app.services.auth;
    await users.create({ email: 'vera@example.com', password: 'viewer-password', role: 'viewer' });
    await users.create({ email: 'tom@example.com', password: 'trainer-password', role: 'trainer' });
    authenticator.invalidate();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('should say that sign-in is needed once users exist', async () => {
    const res = await fetch(`${server.url}/auth/session`);
    expect(await res.json()).toMatchObject({ protected: true, principal: { kind: 'anonymous', scopes: [] } });
  });

  it('should refuse a wrong password or email with 401 and start no session', async () => {
    expect((await signIn('vera@example.com', 'wrong-password')).status).toBe(401);
    expect((await signIn('nobody@example.com', 'viewer-password')).body.error?.code).toBe('UNAUTHENTICATED');
    expect(await server.prisma.session.count()).toBe(0);
  });

  it("should give a session token the role's scopes: a viewer reads and predicts, a trainer also trains", async () => {
    const viewer = await signIn('Vera@Example.com', 'viewer-password');
    expect(viewer.status).toBe(201);
    expect(viewer.body.token).toMatch(/^sfs_/);
    const asViewer = { authorization: `Bearer ${viewer.body.token}` };
    const who = await fetch(`${server.url}/auth/session`, { headers: asViewer });
    expect(await who.json()).toMatchObject({
      principal: { kind: 'user', name: 'vera@example.com', role: 'viewer', scopes: ['read', 'predict'] },
    });
    expect((await gql(server, '{ categories { name } }', undefined, asViewer)).errors).toBeUndefined();
    const refused = await gql(server, CANCEL_NONE, undefined, asViewer);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(
      /vera@example.com \(viewer\) may not use cancelRun.*trainer, admin/,
    );

    const trainer = await signIn('tom@example.com', 'trainer-password');
    const asTrainer = { authorization: `Bearer ${trainer.body.token}` };
    expect(codeOf(await gql(server, CANCEL_NONE, undefined, asTrainer))).toBe('NOT_FOUND');
  });

  it('should rate-limit sign-in attempts per email with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('tom@example.com', 'nope-nope')).status).toBe(401);
    const res = await post('/auth/sessions', { email: 'tom@example.com', password: 'trainer-password' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('should let a ticket open one WebSocket, once, and end its operations at sign-out', async () => {
    const { token } = (await signIn('vera@example.com', 'viewer-password')).body;
    const minted = await post('/auth/ws-tickets', undefined, token);
    expect(minted.status).toBe(201);
    const { ticket } = (await minted.json()) as { ticket: string };
    expect(ticket).toMatch(/^sft_/);

    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { ticket },
    });
    const [first] = await collect(client, '{ categories { name } }', () => true);
    expect(first!.errors).toBeUndefined();
    expect(await closeCode({ ticket })).toBe(4403); // used up

    const out = await fetch(`${server.url}/auth/sessions/current`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(204);
    const after = await collect(client, '{ categories { name } }', () => true).catch(
      (errors: unknown) => errors,
    );
    expect(JSON.stringify(after)).toContain('UNAUTHENTICATED');
    await client.dispose();
    const res = await gql(server, '{ categories { name } }', undefined, { authorization: `Bearer ${token}` });
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect((await post('/auth/ws-tickets', undefined, token)).status).toBe(401);
  });

  it('should serve plots only to callers who may read', async () => {
    const plot = `${server.url}/plots/00000000-0000-0000-0000-000000000000.png`;
    expect((await fetch(plot)).status).toBe(401);
    const { token } = (await signIn('vera@example.com', 'viewer-password')).body;
    expect((await fetch(plot, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });
});
