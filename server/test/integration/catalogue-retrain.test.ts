import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { trainAndWait } from '../utils/train-and-wait.js';

const RECORD =
  'mutation ($rows: [SaleInput!]!) { recordSales(input: $rows) { accepted queuedRuns { id category status } } }';
type Page = {
  categoriesConnection: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { node: { name: string; total: number } }[];
  };
};
const PAGE = `query ($after: String) { categoriesConnection(first: 2, after: $after, search: "shop", orderBy: { field: TOTAL, direction: DESC }) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { name total } } } }`;

describe('category catalogue and retrain policy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      allowList: null,
      extraConfig: 'retrain:\n  enabled: true\n  new_days: 7',
    });
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('should page, filter and sort categories from the data', async () => {
    const rows = [1, 5, 3, 4, 2].map((amount, i) => ({ date: '2025-01-01', category: `Shop ${i}`, amount }));
    expect((await gql(server, RECORD, { rows })).errors).toBeUndefined();
    const first = await gql<Page>(server, PAGE);
    const page1 = first.data!.categoriesConnection;
    expect(page1.totalCount).toBe(5);
    expect(page1.edges.map((e) => e.node)).toEqual([
      { name: 'Shop 1', total: 5 },
      { name: 'Shop 3', total: 4 },
    ]);
    const page2 = (await gql<Page>(server, PAGE, { after: page1.pageInfo.endCursor })).data!
      .categoriesConnection;
    expect(page2.edges.map((e) => e.node.name)).toEqual(['Shop 2', 'Shop 4']);
    const list = await gql<{ categories: { name: string }[] }>(
      server,
      '{ categories(orderBy: { field: LAST_DATE, direction: DESC }, first: 1, skip: 1) { name } }',
    );
    expect(list.data!.categories).toEqual([{ name: 'Shop 3' }]); // newest first, ties by name (descending): Shop 4, Shop 3, …
  });

  it('should find one category by its exact name, and null for a part of a name or another case', async () => {
    const rows = [7, 8].map((amount, i) => ({ date: '2025-02-0' + (i + 1), category: 'Lookup', amount }));
    rows.push({ date: '2025-02-01', category: 'Lookup Extra', amount: 1 });
    expect((await gql(server, RECORD, { rows })).errors).toBeUndefined();
    type One = {
      category: { name: string; total: number; days: number; lastDate: string; activeModel: null } | null;
    };
    const one = (name: string) =>
      gql<One>(
        server,
        'query ($n: String!) { category(name: $n) { name total days lastDate activeModel { id } } }',
        {
          n: name,
        },
      );
    expect((await one('Lookup')).data!.category).toEqual({
      name: 'Lookup',
      total: 15,
      days: 2,
      lastDate: '2025-02-02',
      activeModel: null,
    });
    expect((await one('Lookup Extra')).data!.category?.total).toBe(1);
    expect((await one('Look')).data!.category).toBeNull(); // a substring is a search, not a name
    expect((await one('lookup')).data!.category).toBeNull();
  });

  it('should count new days past the active model and queue a retrain once there are 7, skipping a queued category', async () => {
    await trainAndWait(server, 'Beauty', 1);
    const read = () =>
      gql<{ categories: { newDays: number | null; trainedThrough: string | null; lastDate: string }[] }>(
        server,
        '{ categories(search: "Beauty") { newDays trainedThrough lastDate } }',
      );
    const trained = (await read()).data!.categories[0]!;
    expect(trained).toMatchObject({ newDays: 0, trainedThrough: trained.lastDate });
    const day = (offset: number) =>
      new Date(Date.parse(`${trained.lastDate}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

    const few = await gql<{ recordSales: { queuedRuns: unknown[] } }>(server, RECORD, {
      rows: [{ date: day(6), category: 'Beauty', amount: 10 }],
    });
    expect(few.data!.recordSales.queuedRuns).toEqual([]);
    expect((await read()).data!.categories[0]!.newDays).toBe(6);

    const enough = await gql<{ recordSales: { queuedRuns: { category: string; status: string }[] } }>(
      server,
      RECORD,
      {
        rows: [{ date: day(7), category: 'Beauty', amount: 10 }],
      },
    );
    expect(enough.data!.recordSales.queuedRuns).toEqual([
      { id: expect.any(String), category: 'Beauty', status: 'QUEUED' },
    ]);
    const again = await gql<{ recordSales: { queuedRuns: unknown[] } }>(server, RECORD, {
      rows: [{ date: day(8), category: 'Beauty', amount: 1 }],
    });
    expect(again.errors).toBeUndefined();
    expect(again.data!.recordSales.queuedRuns).toEqual([]); // already queued or training: skipped, not an error
  });
});

describe('the data.categories allow-list', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(); // allow-list: Beauty, Clothing, Toys
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('should refuse sales of other categories and list only allowed ones', async () => {
    const res = await gql<unknown>(server, RECORD, {
      rows: [{ date: '2025-01-01', category: 'Garden', amount: 1 }],
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rows: [expect.objectContaining({ code: 'CATEGORY_NOT_ALLOWED' })],
    });
    const list = await gql<{ categories: { name: string }[] }>(server, '{ categories { name } }');
    expect(list.data!.categories.map((c) => c.name)).toEqual(['Beauty', 'Clothing', 'Toys']);
    const one = await gql<{ toys: unknown; garden: unknown }>(
      server,
      '{ toys: category(name: "Toys") { name days lastDate } garden: category(name: "Garden") { name } }',
    );
    expect(one.data).toEqual({ toys: { name: 'Toys', days: 0, lastDate: null }, garden: null }); // allowed, no sales yet
  });
});
