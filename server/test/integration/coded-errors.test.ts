import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { collect, createWsTestClient } from '../utils/ws-test-client.js';

const NUL = '\u0000';
const BIG = 'x'.repeat(190_000);

describe('coded errors for hostile input', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const runCount = () => server.prisma.run.count();

  it.each([
    ['a NUL byte in a literal argument', `{ runs(category: "a\\u0000") { totalCount } }`, undefined],
    [
      'a NUL byte in a variable',
      'query ($c: String) { runs(category: $c) { totalCount } }',
      { c: `a${NUL}` },
    ],
    [
      'a NUL byte in an experiment name',
      'mutation ($n: String) { train(input: { categories: ["Beauty"], experimentName: $n }) { id } }',
      { n: `exp${NUL}` },
    ],
    [
      'a NUL byte nested in an input object',
      'mutation ($i: TrainInput!) { train(input: $i) { id } }',
      { i: { categories: ['Beauty'], experimentName: `x${NUL}y` } },
    ],
  ])('should answer %s with BAD_USER_INPUT and write nothing', async (_name, query, variables) => {
    const before = await runCount();
    const res = await gql(server, query, variables);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/NUL/);
    expect(await runCount()).toBe(before);
  });

  it('should answer BAD_USER_INPUT for a NUL byte over WebSocket', async () => {
    const client = createWsTestClient(server.wsUrl);
    try {
      const [result] = await collect(
        client,
        'mutation ($n: String) { train(input: { categories: ["Beauty"], experimentName: $n }) { id } }',
        () => true,
        { variables: { n: NUL } },
      ).catch((errors: unknown) => [{ errors: errors as unknown[] }]);
      const errors = result!.errors as { extensions?: { code?: string } }[];
      expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await runCount()).toBe(0);
    } finally {
      await client.dispose();
    }
  });

  it('should answer BAD_USER_INPUT for an unknown operationName', async () => {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.status).toBe(400);
  });

  it('should answer a mutation sent with GET with 405 and write nothing', async () => {
    const query = encodeURIComponent('mutation { train(input: { categories: ["Beauty"] }) { id } }');
    const response = await fetch(`${server.graphqlUrl}?query=${query}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toMatch(/POST/);
    expect(await runCount()).toBe(0);
  });

  it.each([
    [
      'an unknown category of 190 KB',
      '{ series(category: $c) { category } }'.replace('{ series', 'query ($c: String!) { series'),
    ],
    ['a variable of the wrong type holding 190 KB', 'query ($c: Int) { runs(first: $c) { totalCount } }'],
  ])('should not echo %s back in the message', async (_name, query) => {
    const res = await gql(server, query, { c: BIG });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message.length).toBeLessThan(1000);
  });
});
