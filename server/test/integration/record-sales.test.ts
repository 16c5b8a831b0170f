import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SalesStore } from '../../src/modules/sales/sales-store.js';
import { gql as gqlAs, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { dayTotal, salesSnapshot } from '../utils/sales-snapshot.js';
import { collect, createWsTestClient } from '../utils/ws-test-client.js';

const KEY = 'sales-key-0123456789';
const AUTH = { authorization: `Bearer ${KEY}` };
// The server has an API key, so every operation (queries too) presents it unless a test says otherwise.
const gql: typeof gqlAs = (server, query, variables, headers = AUTH) =>
  gqlAs(server, query, variables, headers);
const RECORD = `mutation ($rows: [SaleInput!]!, $source: String) {
  recordSales(input: $rows, source: $source) { accepted duplicates categoriesTouched queuedRuns { id } } }`;

type Row = { date: string; category: string; amount: number; transactionId?: string | null };
type Result = { recordSales: { accepted: number; duplicates: number; categoriesTouched: string[] } };
type Errors = {
  message: string;
  extensions?: { code?: string; rows?: { index: number; field: string; code: string }[] };
}[];

describe.each(['postgres', 'embedded'] as const)('recordSales (%s)', (dbKind) => {
  let server: TestServer;
  const record = (rows: unknown, headers: Record<string, string> = AUTH) =>
    gql<Result>(server, RECORD, { rows }, headers);
  beforeAll(async () => {
    server = await startTestServer({ dbKind, apiKey: KEY, allowList: null });
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('should add rows, list a new category, and change nothing when the same ids are sent again', async () => {
    const rows: Row[] = [
      { date: '2025-01-01', category: 'Garden', amount: 10.5, transactionId: 'g-1' },
      { date: '2025-01-01', category: 'Garden', amount: -2.5, transactionId: 'g-2' },
      { date: '2025-01-03', category: 'Garden', amount: 4, transactionId: 'g-3' },
    ];
    const first = await record(rows);
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordSales).toEqual({
      accepted: 3,
      duplicates: 0,
      categoriesTouched: ['Garden'],
      queuedRuns: [],
    });
    const before = await salesSnapshot(server.prisma);
    const again = await record(rows);
    expect(again.data!.recordSales).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await salesSnapshot(server.prisma)).toEqual(before);

    const series = await gql<{ series: { points: { date: string; value: number }[] } }>(
      server,
      '{ series(category: "Garden", rollingWindow: 1) { points { date value } } }',
    );
    expect(series.data!.series.points).toEqual([
      { date: '2025-01-01', value: 8 },
      { date: '2025-01-02', value: 0 },
      { date: '2025-01-03', value: 4 },
    ]);
    const categories = await gql<{ categories: { name: string; days: number; total: number }[] }>(
      server,
      '{ categories(search: "gard") { name days total } }',
    );
    expect(categories.data!.categories).toEqual([{ name: 'Garden', days: 3, total: 12 }]);
  });

  it('should list the categories changed since a moment (what salesUpdated re-reads after an outage)', async () => {
    const store = new SalesStore(server.prisma);
    const [row] = await server.prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    const before = row!.now;
    const res = await record([{ date: '2025-02-01', category: 'Pond', amount: 3 }]);
    expect(res.errors).toBeUndefined();
    expect(await store.changedSince(before)).toEqual([
      { name: 'Pond', added: false, firstDate: '2025-02-01', lastDate: '2025-02-01', days: 1 },
    ]);
    expect(await store.changedSince(new Date(Date.now() + 60_000))).toEqual([]);
  });

  it('should sum concurrent calls on the same category and day', async () => {
    const calls = Array.from({ length: 16 }, (_, i) =>
      record([
        { date: '2025-02-01', category: 'Concurrent', amount: 1.25 },
        { date: '2025-02-02', category: 'Concurrent', amount: 1, transactionId: `c-${i}` },
        { date: '2025-02-02', category: 'Concurrent', amount: 1, transactionId: 'same-for-all' },
      ]),
    );
    const results = await Promise.all(calls);
    results.forEach((r) => expect(r.errors).toBeUndefined());
    expect(await dayTotal(server.prisma, 'Concurrent', '2025-02-01')).toBe(20);
    // 16 distinct ids plus one id sent by every call: counted once.
    expect(await dayTotal(server.prisma, 'Concurrent', '2025-02-02')).toBe(17);
    expect(results.reduce((n, r) => n + r.data!.recordSales.duplicates, 0)).toBe(15);
  });

  it('should name every bad row by index, field and code, and write nothing', async () => {
    const before = await salesSnapshot(server.prisma);
    const res = await record([
      { date: '2025-03-01', category: 'Garden', amount: 1 },
      { date: '2025-03-01', category: '   ', amount: 1 },
      { date: '1800-01-01', category: 'Garden', amount: 1e13 },
      { date: '2025-03-01', category: 'x'.repeat(101), amount: 1, transactionId: '' },
    ]);
    const error = (res.errors as Errors)[0]!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.rows).toEqual([
      expect.objectContaining({ index: 1, field: 'category', code: 'EMPTY_CATEGORY' }),
      expect.objectContaining({ index: 2, field: 'date', code: 'DATE_OUT_OF_RANGE' }),
      expect.objectContaining({ index: 2, field: 'amount', code: 'AMOUNT_OUT_OF_RANGE' }),
      expect.objectContaining({ index: 3, field: 'category', code: 'CATEGORY_TOO_LONG' }),
    ]);
    expect(await salesSnapshot(server.prisma)).toEqual(before);
  });

  const row = { date: '2025-04-01', category: 'Garden', amount: 1 };
  const raw = (body: string) =>
    fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...AUTH },
      body,
    }).then(async (r) => ({
      status: r.status,
      json: (await r.json().catch(() => undefined)) as { errors?: Errors } | undefined,
    }));
  it.each<[string, () => Promise<{ status: number; json?: { errors?: Errors } }>]>([
    [
      'a date that does not parse',
      () => record([{ ...row, date: '2025-02-30' }]).then((r) => ({ status: r.status, json: r })),
    ],
    [
      'a non-finite amount',
      () =>
        raw(
          `{"query":${JSON.stringify(RECORD)},"variables":{"rows":[{"date":"2025-04-01","category":"Garden","amount":1e999}]}}`,
        ),
    ],
    [
      'an amount that is a string',
      () => record([{ ...row, amount: 'NaN' }]).then((r) => ({ status: r.status, json: r })),
    ],
    [
      'a missing amount',
      () => record([{ date: row.date, category: row.category }]).then((r) => ({ status: r.status, json: r })),
    ],
    [
      'an empty category',
      () => record([{ ...row, category: '' }]).then((r) => ({ status: r.status, json: r })),
    ],
    [
      '10,001 rows',
      () => record(Array.from({ length: 10_001 }, () => row)).then((r) => ({ status: r.status, json: r })),
    ],
    ['no rows', () => record([]).then((r) => ({ status: r.status, json: r }))],
    [
      'a 100 MB body',
      () =>
        raw(
          JSON.stringify({ query: RECORD, variables: { rows: [row] }, pad: 'x'.repeat(100 * 1024 * 1024) }),
        ),
    ],
  ])('should refuse %s with a coded error, write nothing and keep serving', async (_name, send) => {
    const before = await salesSnapshot(server.prisma);
    const { status, json } = await send();
    if (status === 413) expect(json?.errors?.[0]?.extensions?.code ?? 'PAYLOAD_TOO_LARGE').toBeTruthy();
    else expect(json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await salesSnapshot(server.prisma)).toEqual(before);
    expect((await gql<{ __typename: string }>(server, '{ __typename }')).data?.__typename).toBe('Query');
  });

  it('should accept 10,000 rows in one call', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      date: '2025-05-01',
      category: 'Bulk',
      amount: 0.5,
      transactionId: `bulk-${i}`,
    }));
    const res = await record(rows);
    expect(res.data?.recordSales.accepted).toBe(10_000);
    expect(await dayTotal(server.prisma, 'Bulk', '2025-05-01')).toBe(5000);
  });

  it('should refuse recordSales without the API key', async () => {
    const res = await record([row], {});
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('should tell salesUpdated subscribers which category moved on', async () => {
    const client = createWsTestClient(server.wsUrl, { apiKey: KEY });
    try {
      const events = collect<{ salesUpdated: { category: string; lastDate: string; days: number } }>(
        client,
        'subscription { salesUpdated(category: "Live") { category firstDate lastDate days } }',
        () => true,
        { timeoutMs: 20_000 },
      );
      await new Promise((r) => setTimeout(r, 300)); // let the subscription start
      await record([
        { date: '2025-06-01', category: 'Other', amount: 1 },
        { date: '2025-06-03', category: 'Live', amount: 2 },
      ]);
      const [event] = await events;
      expect(event?.data?.salesUpdated).toEqual({
        category: 'Live',
        firstDate: '2025-06-03',
        lastDate: '2025-06-03',
        days: 1,
      });
    } finally {
      await client.dispose();
    }
  });
});
