import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { gql, writeTestProject } from '../utils/start-test-server.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';
import { collect, createWsTestClient } from '../utils/ws-test-client.js';

describe('two API replicas on one Postgres', () => {
  let dir: string;
  let db: TestDatabase;
  const apps: App[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replicas-test-'));
    const configPath = writeTestProject(dir);
    db = await createTestDatabase('postgres');
    for (const name of ['a', 'b']) {
      const config = loadConfig({ DATA_DIR: path.join(dir, name), DATABASE_URL: db.url }, configPath);
      // Replica b never polls for work, so the run is trained by a and b only hears of it through Postgres.
      const queue = name === 'a' ? { pollMs: 200 } : { pollMs: 3_600_000 };
      const app = await buildApp(config, { logger: pino({ level: 'silent' }), queue });
      apps.push(app);
      urls.push((await app.start(0, '127.0.0.1')).url);
    }
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await db?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should stream every epoch to a subscriber on the other replica', async () => {
    const client = createWsTestClient(`${urls[1]!.replace('http', 'ws')}/graphql`);
    const events = collect<{ trainingProgress: { type: string; status: string; epoch: number | null } }>(
      client,
      'subscription { trainingProgress(category: "Beauty") { type status epoch } }',
      (p) => p.data!.trainingProgress.status === 'SUCCEEDED',
    );
    await new Promise((r) => setTimeout(r, 300));
    // Replica a takes the mutation and trains; b's subscriber must see every event.
    const res = await gql(
      { graphqlUrl: `${urls[0]}/graphql` },
      'mutation { train(input: { categories: ["Beauty"], epochs: 3 }) { id } }',
    );
    expect(res.errors).toBeUndefined();
    const received = (await events).map((p) => p.data!.trainingProgress);
    await client.dispose();
    expect(received.filter((e) => e.type === 'EPOCH').map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(received.at(-1)!.status).toBe('SUCCEEDED');
  });

  it('should tell a salesUpdated subscriber on one replica about sales recorded on the other', async () => {
    const client = createWsTestClient(`${urls[1]!.replace('http', 'ws')}/graphql`);
    const events = collect<{ salesUpdated: { category: string; lastDate: string } }>(
      client,
      'subscription { salesUpdated(category: "Clothing") { category lastDate } }',
      () => true,
      { timeoutMs: 20_000 },
    );
    await new Promise((r) => setTimeout(r, 300));
    const res = await gql(
      { graphqlUrl: `${urls[0]}/graphql` },
      'mutation { recordSales(input: [{ date: "2030-01-01", category: "Clothing", amount: 5 }]) { accepted } }',
    );
    expect(res.errors).toBeUndefined();
    const [event] = await events;
    await client.dispose();
    expect(event?.data?.salesUpdated).toEqual({ category: 'Clothing', lastDate: '2030-01-01' });
  });
});
