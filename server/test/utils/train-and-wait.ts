/**
 * Test helper: starts a training run through the API and polls until it has finished.
 */
import { gql, type TestServer } from './start-test-server.js';
import { waitForValue } from './wait-for.js';

export async function trainAndWait(
  server: TestServer,
  category: string,
  epochs: number,
  headers: Record<string, string> = {},
): Promise<{ id: string; status: string }> {
  const started = await gql<{ train: { id: string }[] }>(
    server,
    'mutation ($c: [String!]!, $e: Int) { train(input: { categories: $c, epochs: $e }) { id } }',
    { c: [category], e: epochs },
    headers,
  );
  if (!started.data) throw new Error(`train failed: ${JSON.stringify(started.errors)}`);
  const id = started.data.train[0]!.id;
  const run = await waitForValue(
    () => server.prisma.run.findUniqueOrThrow({ where: { id }, select: { status: true } }),
    (r) => !['QUEUED', 'RUNNING'].includes(r.status),
    { timeoutMs: 120_000, intervalMs: 100 },
  );
  return { id, status: run.status };
}
