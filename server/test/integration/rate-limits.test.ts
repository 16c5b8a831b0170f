/**
 * Rate limits on mutations (api.rate_limits): each scope has its own budget per caller, where the caller
 * is the API key, or the address of an anonymous caller (X-Forwarded-For from a trusted proxy, as the web
 * app's server sends it); the call over budget answers RATE_LIMITED with `retryAfter` and runs nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';

const CANCEL_NONE = 'mutation { cancelRun(id: "00000000-0000-0000-0000-000000000000") { id } }';
const PREDICT =
  'mutation { predict(input: { category: "Toys", series: [1,2,3,4,5,6,7,8,9,10,11,12,13,14] }) { values } }';
const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

describe('rate limits', () => {
  let server: TestServer;
  const call = (query: string, headers: Record<string, string>) => gql(server, query, undefined, headers);
  beforeAll(async () => {
    server = await startTestServer({
      extraConfig: 'api:\n  rate_limits:\n    window_seconds: 600\n    train: 2\n    predict: 3',
    });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('should answer RATE_LIMITED with retryAfter past an address budget, and keep other budgets and addresses', async () => {
    const from = { 'x-forwarded-for': '203.0.113.5' };
    expect(codeOf(await call(CANCEL_NONE, from))).toBe('NOT_FOUND');
    expect(codeOf(await call(CANCEL_NONE, from))).toBe('NOT_FOUND');
    const limited = await call(CANCEL_NONE, from);
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.message).toMatch(/too many train calls: try again in \d+ s/);
    const retryAfter = (limited.errors?.[0]?.extensions as { retryAfter?: number }).retryAfter;
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);

    expect(codeOf(await call(PREDICT, from))).toBe('NOT_FOUND'); // predict has its own budget
    expect(codeOf(await call(CANCEL_NONE, { 'x-forwarded-for': '203.0.113.6' }))).toBe('NOT_FOUND');
    expect((await call('{ categories { name } }', from)).errors).toBeUndefined(); // queries are not limited
  });

  it('should count each API key on its own', async () => {
    const { apiKeys, authenticator } = server.app.services.auth;
    const a = await apiKeys.create({ name: 'a', scopes: ['train'] });
    const b = await apiKeys.create({ name: 'b', scopes: ['train'] });
    authenticator.invalidate();
    const as = (key: string) => ({ authorization: `Bearer ${key}`, 'x-forwarded-for': '203.0.113.9' });
    expect(codeOf(await call(CANCEL_NONE, as(a.key)))).toBe('NOT_FOUND');
    expect(codeOf(await call(CANCEL_NONE, as(a.key)))).toBe('NOT_FOUND');
    expect(codeOf(await call(CANCEL_NONE, as(a.key)))).toBe('RATE_LIMITED');
    expect(codeOf(await call(CANCEL_NONE, as(b.key)))).toBe('NOT_FOUND');
  });
});
