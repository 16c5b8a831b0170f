import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import {
  createChildProject,
  isProcessAlive,
  startServerChild,
  stopServerChild,
  type ChildProject,
  type ServerChild,
} from '../utils/start-child.js';
import { gql } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';
import { collect, createWsTestClient } from '../utils/ws-test-client.js';

/** GET on a fresh connection (no keep-alive), so the cluster may hand it to any serving process. */
function getFresh(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

describe('API_WORKERS=2: two serving processes on one port and one training process (real processes)', () => {
  let project: ChildProject;
  let server: ServerChild;

  beforeAll(async () => {
    project = await createChildProject('api-workers-test-');
    server = await startServerChild({ ...project.env, API_WORKERS: '2', WORKER_PORT: '0' });
  });
  afterAll(async () => {
    await stopServerChild(server).catch(() => server.child.kill('SIGKILL'));
    await project?.dispose();
  });

  /** Pids printed by the primary: the serving processes, and the training one. */
  function printedPids(): { api: number[]; trainer: number } {
    const api = /\(2 serving processes: (\d+), (\d+)\)/.exec(server.output());
    const trainer = /Training\s+\S+\s+\(process (\d+)/.exec(server.output());
    return { api: [Number(api![1]), Number(api![2])], trainer: Number(trainer![1]) };
  }

  it('should answer on one port from both serving processes', async () => {
    const { api, trainer } = printedPids();
    expect(new Set([...api, trainer, server.child.pid]).size).toBe(4);
    const seen = new Set<string>();
    for (let i = 0; i < 20 && seen.size < 2; i++) {
      const metrics = await getFresh(`${server.url}/metrics`);
      const match = /process_role\{pid="(\d+)",role="(\w+)"\} 1/.exec(metrics);
      expect(match?.[2]).toBe('api');
      seen.add(match![1]!);
    }
    expect([...seen].map(Number).sort()).toEqual([...api].sort());
  });

  it('should stream a run trained in the training process to subscribers on both serving processes, then exit 0 on SIGTERM mid-training with no process left and the run FAILED (interrupted)', async () => {
    const res = await gql<{ train: { id: string }[] }>(
      server,
      'mutation { train(input: { categories: ["Beauty"], epochs: 500, batchSize: 4 }) { id } }',
    );
    const runId = res.data!.train[0]!.id;
    // Two connections: round-robin puts them on different serving processes; neither trains.
    const subscriptions = [0, 1].map(() => {
      const client = createWsTestClient(server.graphqlUrl.replace('http', 'ws'));
      const events = collect<{ trainingProgress: { type: string; epoch: number | null } }>(
        client,
        `subscription { trainingProgress(runId: "${runId}") { type epoch } }`,
        (_p, all) => all.filter((e) => e.data!.trainingProgress.type === 'EPOCH').length >= 4,
        { timeoutMs: 90_000 },
      );
      return { client, events };
    });
    for (const { client, events } of subscriptions) {
      const epochs = (await events)
        .map((p) => p.data!.trainingProgress)
        .filter((e) => e.type === 'EPOCH')
        .map((e) => e.epoch);
      await client.dispose();
      expect(epochs).toEqual([1, 2, 3, 4]);
    }
    const claimedBy = (await project.db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).claimedBy;
    expect(claimedBy).toMatch(new RegExp(`^worker-${printedPids().trainer}-`));

    const pids = printedPids();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect([...pids.api, pids.trainer].filter(isProcessAlive)).toEqual([]);
    const run = await waitForValue(
      () => project.db.prisma.run.findUniqueOrThrow({ where: { id: runId } }),
      (r) => r.status !== 'RUNNING',
      { timeoutMs: 5_000 },
    );
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/interrupted/);
  });
});
