import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { pino } from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createChildProject, startServerChild, type ChildProject } from '../utils/start-child.js';
import { gql } from '../utils/start-test-server.js';
import type { TestDatabase } from '../utils/test-database.js';
import { waitForValue } from '../utils/wait-for.js';

/** The real entry point with the user's environment (no NODE_ENV). */
async function startChild(env: Record<string, string>) {
  const server = await startServerChild(env);
  return { child: server.child, graphqlUrl: server.graphqlUrl };
}

async function startTraining(graphqlUrl: string): Promise<string> {
  const res = await gql<{ train: { id: string }[] }>(
    { graphqlUrl },
    'mutation { train(input: { categories: ["Beauty"], epochs: 200, batchSize: 4 }) { id } }',
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.train[0]!.id;
}

describe('interrupted runs', () => {
  let project: ChildProject;
  let db: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    project = await createChildProject('recovery-test-');
    ({ db, env } = project);
  });
  afterAll(async () => {
    await project?.dispose();
  });

  const waitForEpoch = (runId: string) =>
    waitForValue(
      () => db.prisma.epochMetric.count({ where: { runId } }),
      (n) => n > 0,
      { timeoutMs: 120_000, intervalMs: 100 },
    );

  it('should mark a run FAILED (interrupted) when the process that trained it was killed', async () => {
    const { child, graphqlUrl } = await startChild(env);
    const runId = await startTraining(graphqlUrl);
    await waitForEpoch(runId);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect((await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('RUNNING');

    // A new instance on the same database: the dead run's heartbeat goes stale and it is reaped.
    const app = await buildApp(loadConfig(env, env.CONFIG_PATH), {
      logger: pino({ level: 'silent' }),
      queue: { pollMs: 100, staleMs: 1500 },
    });
    try {
      const run = await waitForValue(
        () => db.prisma.run.findUniqueOrThrow({ where: { id: runId } }),
        (r) => r.status !== 'RUNNING',
        { timeoutMs: 10_000, intervalMs: 100 },
      );
      expect(run.status).toBe('FAILED');
      expect(run.error).toMatch(/interrupted/);
    } finally {
      await app.stop();
    }
  });

  it('should mark the run FAILED (interrupted) at start-up on the embedded database', async () => {
    const embeddedEnv = { CONFIG_PATH: env.CONFIG_PATH!, DATA_DIR: path.join(project.dir, 'embedded') };
    const { child, graphqlUrl } = await startChild(embeddedEnv);
    const runId = await startTraining(graphqlUrl);
    await waitForValue(
      () =>
        gql<{ run: { epochs: unknown[] } }>({ graphqlUrl }, `{ run(id: "${runId}") { epochs { epoch } } }`),
      (res) => Boolean(res.data?.run.epochs.length),
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    // The default 20 s staleness does not apply: the embedded database has one process, so a RUNNING run
    // found at start-up is an orphan.
    const app = await buildApp(loadConfig(embeddedEnv, embeddedEnv.CONFIG_PATH), {
      logger: pino({ level: 'silent' }),
    });
    try {
      const run = await app.services.db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
      expect(run.status).toBe('FAILED');
      expect(run.error).toMatch(/interrupted/);
    } finally {
      await app.stop();
    }
  });

  it('should leave no run RUNNING when the server gets SIGTERM mid-training', async () => {
    const { child, graphqlUrl } = await startChild(env);
    const runId = await startTraining(graphqlUrl);
    await waitForEpoch(runId);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/interrupted/);
  });
});
