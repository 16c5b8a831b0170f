import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import {
  TRAIN_ALL,
  TRAIN_TWO,
  trainOutcome as outcome,
  writeAllCategoriesProject as writeProject,
} from '../utils/all-categories-project.js';
import { gql } from '../utils/start-test-server.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

const ROUNDS = 12;

describe('concurrent train and trainAll', () => {
  let dir: string;
  let db: TestDatabase;
  const apps: App[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'train-races-'));
    const configPath = writeProject(dir);
    db = await createTestDatabase('postgres');
    // Two apps, two connection pools on one database: to Postgres, two API processes.
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

  /** Races the two mutations ROUNDS times; between rounds, the runs they queued are set aside. */
  async function race(first: string, second: string): Promise<string[]> {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      type Answer = Record<string, { status: string }[]>;
      const answers = await Promise.all([
        gql<Answer>({ graphqlUrl: first }, TRAIN_ALL),
        gql<Answer>({ graphqlUrl: second }, TRAIN_TWO),
      ]);
      outcomes.push(...answers.map(outcome));
      await db.prisma.run.updateMany({
        where: { status: { in: ['QUEUED', 'RUNNING'] } },
        data: { status: 'CANCELLED', error: 'set aside by the test' },
      });
    }
    return outcomes;
  }

  it('should answer only QUEUED or CONFLICT on one process', async () => {
    const outcomes = await race(urls[0]!, urls[0]!);
    expect(outcomes.filter((o) => o !== 'QUEUED' && o !== 'CONFLICT')).toEqual([]);
    expect(outcomes).toContain('QUEUED');
  });

  it('should answer only QUEUED or CONFLICT across two processes', async () => {
    const outcomes = await race(urls[0]!, urls[1]!);
    expect(outcomes.filter((o) => o !== 'QUEUED' && o !== 'CONFLICT')).toEqual([]);
    expect(outcomes).toContain('QUEUED');
  });
});
