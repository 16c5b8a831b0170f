import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';
import WebSocket from 'ws';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { trainAndWait } from '../utils/train-and-wait.js';

const PREDICT = 'mutation ($input: PredictInput!) { predict(input: $input) { values } }';
const TRAIN = 'mutation ($input: TrainInput!) { train(input: $input) { id } }';
const window = (n: number) => Array.from({ length: n }, (_, i) => 100 + i);

async function rowCounts(server: TestServer) {
  const [runs, epochs, versions] = await Promise.all([
    server.prisma.run.count(),
    server.prisma.epochMetric.count(),
    server.prisma.modelVersion.count(),
  ]);
  return { runs, epochs, versions };
}

/** Sends a raw body (for cases a GraphQL client would refuse to send). */
async function raw(server: TestServer, body: string) {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body,
  });
  const text = await response.text();
  let json: { errors?: { extensions?: { code?: string } }[] } | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

describe('bad input', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await trainAndWait(server, 'Beauty', 1); // predict's length check needs a model
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const deep = `{ runs { edges { node { modelVersion { metrics { mae } } } } } }`;
  const tooDeep = `{ __type(name: "Query") { fields { type ${'{ ofType '.repeat(20)}{ name }${' }'.repeat(20)} } } }`;
  const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: serverInfo { version }`).join(' ')} }`;
  // ~12,000 each by armor's static estimate: 12 of them exceed the 100,000 limit (aliases stay under 15).
  const heavy =
    'edges { node { id category status metrics { mae rmse mase naiveMae seasonalNaiveMae } epochs { epoch trainLoss valLoss elapsedMs } modelVersion { id active metrics { mae rmse } } } }';
  const costly = `{ ${Array.from({ length: 12 }, (_, i) => `r${i}: runs(first: 100) { ${heavy} }`).join(' ')} }`;

  const cases: [string, () => Promise<{ status: number; code?: string }>][] = [
    [
      'a series of the wrong length',
      () => call(PREDICT, { input: { category: 'Beauty', series: window(3) } }),
    ],
    [
      'Infinity in the series',
      () =>
        rawCall(
          `{"query":${JSON.stringify(PREDICT)},"variables":{"input":{"category":"Beauty","series":[1e999${',1'.repeat(13)}]}}}`,
        ),
    ],
    [
      'NaN in the series',
      () =>
        rawCall(
          `{"query":"mutation { predict(input: {category: \\"Beauty\\", series: [NaN]}) { values } }"}`,
        ),
    ],
    [
      'a string in the series',
      () => call(PREDICT, { input: { category: 'Beauty', series: [...window(13), 'x'] } }),
    ],
    [
      'a null in the series',
      () => call(PREDICT, { input: { category: 'Beauty', series: [...window(13), null] } }),
    ],
    [
      'a huge value in the series',
      () => call(PREDICT, { input: { category: 'Beauty', series: [...window(13), 1e300] } }),
    ],
    [
      'a negative horizon',
      () => call(PREDICT, { input: { category: 'Beauty', series: window(14), horizon: -1 } }),
    ],
    [
      'a huge horizon',
      () => call(PREDICT, { input: { category: 'Beauty', series: window(14), horizon: 1_000_000 } }),
    ],
    [
      'an unknown category to predict',
      () => call(PREDICT, { input: { category: 'Nope', series: window(14) } }),
    ],
    ['an empty category list', () => call(TRAIN, { input: { categories: [] } })],
    ['an unknown category to train', () => call(TRAIN, { input: { categories: ['Nope'] } })],
    ['a category with no rows', () => call(TRAIN, { input: { categories: ['Toys'] } })],
    ['a category listed twice', () => call(TRAIN, { input: { categories: ['Beauty', 'Beauty'] } })],
    ['epochs 0', () => call(TRAIN, { input: { categories: ['Beauty'], epochs: 0 } })],
    ['epochs 10^6', () => call(TRAIN, { input: { categories: ['Beauty'], epochs: 1_000_000 } })],
    ['learning rate 0', () => call(TRAIN, { input: { categories: ['Beauty'], learningRate: 0 } })],
    [
      'a negative learning rate',
      () => call(TRAIN, { input: { categories: ['Beauty'], learningRate: -0.1 } }),
    ],
    ['window 0', () => call(TRAIN, { input: { categories: ['Beauty'], windowSize: 0 } })],
    ['malformed GraphQL', () => call('{ categories { name ')],
    ['an unknown field', () => call('{ categories { name color } }')],
    [
      'a variable of the wrong type',
      () => call('query ($c: String!) { series(category: $c) { category } }', { c: 42 }),
    ],
    ['a query too deep', () => call(tooDeep)],
    ['too many aliases', () => call(aliases)],
    ['a query too costly', () => call(costly)],
    ['a body that is not JSON', () => rawCall('{"query": ')],
    [
      'a body of megabytes',
      () => rawCall(JSON.stringify({ query: `{ categories { name } } # ${'x'.repeat(3_000_000)}` })),
    ],
    ['a malformed cursor', () => call('{ runs(after: "zzz") { totalCount } }')],
    ['a bad date', () => call('{ series(category: "Beauty", from: "2024-02-30") { category } }')],
  ];

  async function call(query: string, variables?: Record<string, unknown>) {
    const res = await gql(server, query, variables);
    return { status: res.status, code: res.errors?.[0]?.extensions?.code };
  }
  async function rawCall(body: string) {
    const res = await raw(server, body);
    return { status: res.status, code: res.json?.errors?.[0]?.extensions?.code };
  }

  it.each(cases)(
    'should answer %s with a coded error, write nothing and keep serving',
    async (_name, send) => {
      const before = await rowCounts(server);
      const result = await send();
      if (result.status === 413) {
        expect(result.code ?? 'PAYLOAD_TOO_LARGE').toBeDefined(); // rejected by the body limit before GraphQL
      } else {
        expect(result.code).toBe('BAD_USER_INPUT');
        expect(result.status).toBeGreaterThanOrEqual(200);
      }
      expect(await rowCounts(server)).toEqual(before);
      const alive = await gql<{ __typename: string }>(server, '{ __typename }');
      expect(alive.data?.__typename).toBe('Query');
    },
  );

  it('should answer a body of megabytes with 413', async () => {
    const res = await raw(server, JSON.stringify({ query: `{ __typename } # ${'x'.repeat(3_000_000)}` }));
    expect(res.status).toBe(413);
  });

  it('should answer NOT_FOUND when a category has no model yet', async () => {
    const res = await gql(server, PREDICT, { input: { category: 'Clothing', series: window(14) } });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('should close a WebSocket that never sends connection_init', async () => {
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(code).toBe(4408);
  }, 15_000);

  it('should keep stack traces out of errors when a query fails', async () => {
    const res = await gql(server, '{ categories { name color } }');
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|\n\s+at /);
  });

  it('should treat explicit null filters as no filter', async () => {
    const res = await gql(
      server,
      '{ runs(category: null, status: null, after: null, first: null) { totalCount } }',
    );
    expect(res.errors).toBeUndefined();
  });

  it('should not return the deep but legitimate query as an error', async () => {
    const res = await gql(server, deep);
    expect(res.errors).toBeUndefined();
  });

  it("should accept the playground's full introspection query", async () => {
    const res = await gql(
      server,
      getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, oneOf: true }),
    );
    expect(res.errors).toBeUndefined();
  });
});
