import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import {
  createChildProject,
  startServerChild,
  type ChildProject,
  type ServerChild,
} from '../utils/start-child.js';
import { gql } from '../utils/start-test-server.js';
import type { TestDatabase } from '../utils/test-database.js';
import { waitForValue } from '../utils/wait-for.js';

/** POSTs `body` in two halves, calling `between()` after the first: a request in flight at that moment. */
function splitRequest(graphqlUrl: string, body: string, between: () => Promise<void>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.flushHeaders();
    req.write(body.slice(0, 10));
    void between().then(() => req.end(body.slice(10)), reject);
  });
}

describe('shutdown signals under npm start (NODE_ENV unset)', () => {
  let project: ChildProject;
  let db: TestDatabase;
  const children: ServerChild[] = [];

  beforeAll(async () => {
    project = await createChildProject('signals-test-');
    db = project.db;
  });
  afterAll(async () => {
    for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
    await project?.dispose();
  });

  /** A child server training one long run, with its first epoch stored. */
  async function trainingChild(): Promise<{ server: ServerChild; runId: string }> {
    const server = await startServerChild(project.env);
    children.push(server);
    const res = await gql<{ train: { id: string }[] }>(
      server,
      'mutation { train(input: { categories: ["Beauty"], epochs: 200, batchSize: 4 }) { id } }',
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    const runId = res.data.train[0]!.id;
    await waitForValue(
      () => db.prisma.epochMetric.count({ where: { runId } }),
      (n) => n > 0,
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    return { server, runId };
  }

  async function expectInterrupted(runId: string) {
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/interrupted/);
  }

  it('should exit 0 with the run FAILED (interrupted) on SIGINT mid-training', async () => {
    const { server, runId } = await trainingChild();
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    await expectInterrupted(runId);
  });

  it('should finish a request in flight when SIGTERM arrives, then exit 0', async () => {
    const { server, runId } = await trainingChild();
    const answer = await splitRequest(
      server.graphqlUrl,
      JSON.stringify({ query: '{ categories { name } }' }),
      async () => {
        server.child.kill('SIGTERM');
        await new Promise((r) => setTimeout(r, 500)); // the shutdown is under way
      },
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data.categories.length).toBeGreaterThan(0);
    expect(await server.exited).toBe(0);
    await expectInterrupted(runId);
  });

  it('should shut down once, cleanly, when signals repeat during the shutdown', async () => {
    const { server, runId } = await trainingChild();
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGINT');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/still finishing/);
    await expectInterrupted(runId);
    // Nothing half-written: no run is left QUEUED or RUNNING.
    expect(await db.prisma.run.count({ where: { status: { in: ['QUEUED', 'RUNNING'] } } })).toBe(0);
  });
});
