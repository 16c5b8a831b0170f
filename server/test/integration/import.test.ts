import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql as gqlAs, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { salesSnapshot } from '../utils/sales-snapshot.js';
import { uploadCsv } from '../utils/upload-csv.js';
import { collect, createWsTestClient } from '../utils/ws-test-client.js';

const KEY = 'import-key-0123456789';
const AUTH = { authorization: `Bearer ${KEY}` };
// The server has an API key, so every operation (queries too) presents it unless a test says otherwise.
const gql: typeof gqlAs = (server, query, variables, headers = AUTH) =>
  gqlAs(server, query, variables, headers);
const HEADER =
  'Transaction ID,Date,Customer ID,Gender,Age,Product Category,Quantity,Price per Unit,Total Amount';

/** A small export: `days` days of two categories, ids from `firstId` (prefixed: the seed uses plain numbers). */
function exportCsv(days: number, firstId = 1, extra: string[] = []): string {
  const lines = [HEADER];
  for (let d = 0; d < days; d++) {
    const date = new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);
    lines.push(`x${firstId + 2 * d},${date},C1,F,30,Garden,1,${10 + d},${10 + d}`);
    lines.push(`x${firstId + 2 * d + 1},${date},C2,M,40,Tools,2,5,10`);
  }
  return `${[...lines, ...extra].join('\n')}\n`;
}

describe.each(['postgres', 'embedded'] as const)('CSV import over HTTP (%s)', (dbKind) => {
  let server: TestServer;
  const upload = (csv: string, options: Parameters<typeof uploadCsv>[2] = {}) =>
    uploadCsv(server, csv, { ...options, headers: { ...AUTH, ...options.headers } });
  beforeAll(async () => {
    server = await startTestServer({
      dbKind,
      apiKey: KEY,
      allowList: null,
      dataConfig: '  max_upload_mb: 2',
    });
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('should import a file, then recognise the same file and leave the totals as they were', async () => {
    const csv = exportCsv(30);
    const first = await upload(csv);
    expect(first.errors).toBeUndefined();
    expect(first.data!.importSales).toMatchObject({
      status: 'SUCCEEDED',
      rows: 60,
      rowsAccepted: 60,
      days: 60,
      categoriesAdded: 2,
    });
    const after = await salesSnapshot(server.prisma);
    const again = await upload(csv);
    expect(again.data!.importSales).toMatchObject({
      status: 'DUPLICATE',
      duplicateOf: first.data!.importSales.id,
    });
    expect(await salesSnapshot(server.prisma)).toEqual(after);
    // Another export overlapping it (other bytes, same transactions + 5 new days): only the new rows count.
    const overlap = await upload(exportCsv(35));
    expect(overlap.data!.importSales).toMatchObject({
      status: 'SUCCEEDED',
      rowsAccepted: 10,
      duplicates: 60,
    });
  });

  it('should reject a file with one bad row whole, and import the others when asked to skip it', async () => {
    const csv = exportCsv(5, 1000, ['9999,2025-13-01,C,F,1,Garden,1,1,1']);
    const before = await salesSnapshot(server.prisma);
    const rejected = await upload(csv);
    expect(rejected.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      errorCode: 'BAD_ROWS',
      badLines: [{ line: 12, code: 'INVALID_DATE', message: expect.stringContaining('2025-13-01') }],
    });
    expect(await salesSnapshot(server.prisma)).toEqual(before);
    const skipped = await upload(csv, { skipBadRows: true });
    expect(skipped.data!.importSales).toMatchObject({
      status: 'SUCCEEDED',
      rowsAccepted: 10,
      rowsRejected: 1,
      badLineCount: 1,
    });
  });

  it.each<
    [string, () => Promise<{ status: number; errors?: { extensions?: Record<string, unknown> }[] }>, string]
  >([
    [
      'dates that do not parse',
      () => upload(`${HEADER}\n1,2025-02-30,C,F,1,Garden,1,1,1\n2,yesterday,C,F,1,Garden,1,1,1\n`),
      'BAD_ROWS',
    ],
    [
      'non-finite amounts',
      () => upload(`${HEADER}\n1,2025-02-01,C,F,1,Garden,1,1,Infinity\n2,2025-02-01,C,F,1,Garden,1,1,NaN\n`),
      'BAD_ROWS',
    ],
    ['missing columns', () => upload('Date,Category,Amount\n2025-02-01,Garden,1\n'), 'MISSING_COLUMNS'],
    ['an empty category', () => upload(`${HEADER}\n1,2025-02-01,C,F,1,,1,1,1\n`), 'BAD_ROWS'],
    ['a file with a header only', () => upload(`${HEADER}\n`), 'NO_ROWS'],
    [
      'a 100 MB file (over data.max_upload_mb)',
      () =>
        upload(
          exportCsv(1)
            .repeat(1)
            .padEnd(100 * 1024 * 1024, '\n'),
        ),
      'FILE_TOO_LARGE',
    ],
  ])('should refuse %s with a coded error, write nothing and keep serving', async (_name, send, reason) => {
    const before = await salesSnapshot(server.prisma);
    const res = await send();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', errorCode: reason });
    expect(await salesSnapshot(server.prisma)).toEqual(before);
    expect((await gql<{ __typename: string }>(server, '{ __typename }')).data?.__typename).toBe('Query');
  });

  it('should refuse an upload without the API key, or without the CSRF preflight header', async () => {
    const noKey = await uploadCsv(server, exportCsv(1, 5000));
    expect(noKey.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({
        query: 'mutation ($f: Upload!) { importSales(file: $f) { id } }',
        variables: { f: null },
      }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([exportCsv(1, 5000)]), 'x.csv');
    const csrf = await fetch(server.graphqlUrl, { method: 'POST', headers: AUTH, body: form });
    expect(csrf.status).toBe(400);
    expect(
      ((await csrf.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('BAD_USER_INPUT');
  });

  it('should return a queued import at once, stream its progress, and list it', async () => {
    const queued = await upload(exportCsv(200, 20_000), { wait: false });
    const id = queued.data!.importSales.id;
    expect(['QUEUED', 'RUNNING', 'SUCCEEDED']).toContain(queued.data!.importSales.status);
    const client = createWsTestClient(server.wsUrl, { apiKey: KEY });
    try {
      const events = await collect<{ importProgress: { status: string; rows: number; progress: number } }>(
        client,
        'subscription ($id: ID!) { importProgress(id: $id) { status rows progress rowsAccepted } }',
        (event) =>
          ['SUCCEEDED', 'FAILED', 'REJECTED', 'DUPLICATE'].includes(event.data?.importProgress.status ?? ''),
        { variables: { id }, timeoutMs: 60_000 },
      );
      expect(events.at(-1)?.data?.importProgress).toMatchObject({
        status: 'SUCCEEDED',
        rows: 400,
        progress: 1,
        rowsAccepted: 400,
      });
    } finally {
      await client.dispose();
    }
    const listed = await gql<{
      imports: { totalCount: number; edges: { node: { id: string } }[] };
      import: { status: string };
    }>(
      server,
      'query ($id: ID!) { imports(first: 2) { totalCount edges { node { id } } } import(id: $id) { status } }',
      { id },
    );
    expect(listed.data!.imports.edges[0]!.node.id).toBe(id);
    expect(listed.data!.import.status).toBe('SUCCEEDED');
  });
});
