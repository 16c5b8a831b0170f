import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { openDatabase, type Database } from '../../src/db/db.js';
import { startServerChild, stopServerChild, type ServerChild } from '../utils/start-child.js';
import { gql, writeTestProject } from '../utils/start-test-server.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../utils/throwaway-postgres.js';
import { waitForValue } from '../utils/wait-for.js';
import { collect, createWsTestClient } from '../utils/ws-test-client.js';

const EPOCHS = 40;
const OUTAGE_MS = 4000;

type Progress = { trainingProgress: { type: string; status: string; epoch: number | null } };

/** Reads through the outage: a failed read counts as "not yet". */
const tolerant =
  <T>(read: () => Promise<T>, fallback: T) =>
  () =>
    read().catch(() => fallback);

describe('a Postgres outage in the middle of training', () => {
  let cluster: ThrowawayPostgres;
  let dir: string;
  let db: Database;
  let trainer: ServerChild;
  let replica: App;
  let replicaUrl: string;

  beforeAll(async () => {
    cluster = await startThrowawayPostgres();
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE sales');
    await admin.end();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-outage-'));
    const configPath = writeTestProject(dir);
    const env = { CONFIG_PATH: configPath, DATABASE_URL: cluster.urlOf('sales') };
    db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: dir });
    // The trainer is `npm start`'s process; the replica only serves subscribers (it never polls for work).
    trainer = await startServerChild({ ...env, DATA_DIR: path.join(dir, 'trainer') });
    replica = await buildApp(loadConfig({ ...env, DATA_DIR: path.join(dir, 'replica') }, configPath), {
      logger: pino({ level: 'silent' }),
      queue: { pollMs: 3_600_000 },
    });
    replicaUrl = (await replica.start(0, '127.0.0.1')).url;
  });
  afterAll(async () => {
    if (trainer) await stopServerChild(trainer);
    await replica?.stop();
    await db?.close();
    await cluster?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The trainer's /readyz status; throws (with what it printed) if the trainer died. */
  const trainerReadyz = async () => {
    if (trainer.child.exitCode !== null)
      throw new Error(`the trainer exited (${trainer.child.exitCode}): ${trainer.output().slice(-3000)}`);
    return fetch(`${trainer.url}/readyz`)
      .then((r) => r.status)
      .catch(() => 0);
  };

  it('should keep training, store every epoch, resume events on every replica and report readiness', async () => {
    const client = createWsTestClient(`${replicaUrl.replace('http', 'ws')}/graphql`);
    const events = collect<Progress>(
      client,
      'subscription { trainingProgress(category: "Beauty") { type status epoch } }',
      (p) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(p.data?.trainingProgress.status ?? ''),
      { timeoutMs: 150_000 },
    ).catch((error: unknown) => {
      throw new Error(`the subscription failed: ${JSON.stringify(error)}`);
    });
    events.catch(() => undefined); // awaited below; an early failure must not crash the runner
    await new Promise((r) => setTimeout(r, 300));
    const started = await gql<{ train: { id: string }[] }>(
      trainer,
      `mutation { train(input: { categories: ["Beauty"], epochs: ${EPOCHS}, batchSize: 4 }) { id } }`,
    );
    const runId = started.data!.train[0]!.id;
    const storedEpochs = () => db.prisma.epochMetric.count({ where: { runId } });
    await waitForValue(storedEpochs, (n) => n >= 2, { timeoutMs: 120_000, intervalMs: 100 });

    await cluster.stop('fast');
    expect(await waitForValue(trainerReadyz, (s) => s === 503, { timeoutMs: 10_000 })).toBe(503);
    await new Promise((r) => setTimeout(r, OUTAGE_MS)); // epochs end while the database is away
    expect(await trainerReadyz()).toBe(503);
    await cluster.start();

    expect(await waitForValue(trainerReadyz, (s) => s === 200, { timeoutMs: 30_000 })).toBe(200);
    const run = await waitForValue(
      tolerant(() => db.prisma.run.findUniqueOrThrow({ where: { id: runId } }), null),
      (r) => Boolean(r && !['QUEUED', 'RUNNING'].includes(r.status)),
      { timeoutMs: 120_000, intervalMs: 200 },
    );
    expect(trainer.child.exitCode).toBeNull();
    expect(run!.status).toBe('SUCCEEDED');
    const epochs = await db.prisma.epochMetric.findMany({ where: { runId }, orderBy: { epoch: 'asc' } });
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));

    // The other replica's subscriber saw every epoch once, in order, and the end.
    const received = (await events).map((p) => p.data!.trainingProgress);
    await client.dispose();
    expect(received.filter((e) => e.type === 'EPOCH').map((e) => e.epoch)).toEqual(
      Array.from({ length: EPOCHS }, (_, i) => i + 1),
    );
    expect(received.at(-1)!.status).toBe('SUCCEEDED');
  });
});
