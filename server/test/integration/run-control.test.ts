import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';

describe('run control', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('should answer CONFLICT and write nothing when a category is already queued or training', async () => {
    const first = await gql<{ train: { id: string }[] }>(
      server,
      'mutation { train(input: { categories: ["Beauty"], epochs: 50, batchSize: 4 }) { id } }',
    );
    expect(first.errors).toBeUndefined();
    const before = await server.prisma.run.count();
    const second = await gql(
      server,
      'mutation { train(input: { categories: ["Clothing", "Beauty"] }) { id } }',
    );
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(second.errors?.[0]?.message).toContain('Beauty');
    expect(await server.prisma.run.count()).toBe(before); // Clothing was not queued either: all or nothing

    // Cancel it: it stops within an epoch.
    const runId = first.data!.train[0]!.id;
    await waitForValue(
      () => server.prisma.epochMetric.count({ where: { runId } }),
      (n) => n >= 1,
      { timeoutMs: 60_000 },
    );
    const cancelled = await gql<{ cancelRun: { id: string } }>(
      server,
      `mutation { cancelRun(id: "${runId}") { id status } }`,
    );
    expect(cancelled.errors).toBeUndefined();
    const epochsAtCancel = await server.prisma.epochMetric.count({ where: { runId } });
    const run = await waitForValue(
      () => server.prisma.run.findUniqueOrThrow({ where: { id: runId } }),
      (r) => r.status === 'CANCELLED',
      { timeoutMs: 60_000 },
    );
    expect(run.status).toBe('CANCELLED');
    expect(await server.prisma.epochMetric.count({ where: { runId } })).toBeLessThanOrEqual(
      epochsAtCancel + 1,
    );

    const again = await gql(server, `mutation { cancelRun(id: "${runId}") { id } }`);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('should cancel a queued run at once and answer NOT_FOUND for an unknown run', async () => {
    const queued = await gql<{ train: { id: string }[] }>(
      server,
      'mutation { train(input: { categories: ["Clothing"], epochs: 1 }) { id } }',
    );
    const id = queued.data!.train[0]!.id;
    const res = await gql<{ cancelRun: { status: string } }>(
      server,
      `mutation { cancelRun(id: "${id}") { status } }`,
    );
    expect(['CANCELLED', 'RUNNING']).toContain(res.data!.cancelRun.status);
    const unknown = await gql(
      server,
      'mutation { cancelRun(id: "00000000-0000-0000-0000-000000000000") { id } }',
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await waitForValue(
      () => server.prisma.run.findUniqueOrThrow({ where: { id } }),
      (r) => !['QUEUED', 'RUNNING'].includes(r.status),
      { timeoutMs: 60_000 },
    );
  });

  it('should page through runs newest first with cursors', async () => {
    const page1 = await gql<{
      runs: {
        totalCount: number;
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      server,
      '{ runs(first: 1) { totalCount edges { cursor node { id createdAt } } pageInfo { hasNextPage endCursor } } }',
    );
    const { runs } = page1.data!;
    expect(runs.totalCount).toBeGreaterThanOrEqual(2);
    expect(runs.pageInfo.hasNextPage).toBe(true);
    const page2 = await gql<{ runs: { edges: { node: { id: string } }[] } }>(
      server,
      `{ runs(first: 1, after: "${runs.pageInfo.endCursor}") { edges { node { id } } } }`,
    );
    expect(page2.data!.runs.edges[0]!.node.id).not.toBe(runs.edges[0]!.node.id);
    const filtered = await gql<{ runs: { edges: { node: { status: string } }[] } }>(
      server,
      '{ runs(status: CANCELLED) { edges { node { status } } } }',
    );
    expect(filtered.data!.runs.edges.every((e) => e.node.status === 'CANCELLED')).toBe(true);
  });
});
