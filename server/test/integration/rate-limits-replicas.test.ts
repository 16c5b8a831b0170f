/**
 * On Postgres the rate-limit counters are shared by every replica: a caller cannot multiply its budget by
 * spreading calls over API processes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { gql, writeTestProject } from '../utils/start-test-server.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

const CANCEL_NONE = 'mutation { cancelRun(id: "00000000-0000-0000-0000-000000000000") { id } }';

describe('rate limits across two replicas on one Postgres', () => {
  let dir: string;
  let db: TestDatabase;
  const apps: App[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rate-replicas-test-'));
    const configPath = writeTestProject(dir, 'api:\n  rate_limits:\n    window_seconds: 600\n    train: 3');
    db = await createTestDatabase('postgres');
    for (const name of ['a', 'b']) {
      const config = loadConfig({ DATA_DIR: path.join(dir, name), DATABASE_URL: db.url }, configPath);
      const app = await buildApp(config, { logger: pino({ level: 'silent' }), queue: { pollMs: 3_600_000 } });
      apps.push(app);
      urls.push(`${(await app.start(0, '127.0.0.1')).url}/graphql`);
    }
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await db?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should count calls to either replica against one budget', async () => {
    const codes = [];
    for (const url of [urls[0], urls[1], urls[0], urls[1]]) {
      const res = await gql({ graphqlUrl: url! }, CANCEL_NONE, undefined, {
        'x-forwarded-for': '198.51.100.7',
      });
      codes.push(res.errors?.[0]?.extensions?.code);
    }
    expect(codes).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'RATE_LIMITED']);
    expect(await db.prisma.rateLimit.count()).toBeGreaterThan(0);
  });
});
