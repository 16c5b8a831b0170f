/**
 * Test helper: starts a training run through the API and polls until it has finished.
 */
import { gql, type TestServer } from './start-test-server.js';

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
  for (let i = 0; i < 1200; i++) {
    const run = await server.prisma.run.findUnique({ where: { id }, select: { status: true } });
    if (run && !['QUEUED', 'RUNNING'].includes(run.status)) return { id, status: run.status };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} did not finish in 120 s`);
}
