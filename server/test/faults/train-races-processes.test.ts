import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  TRAIN_ALL,
  TRAIN_TWO,
  trainOutcome,
  writeAllCategoriesProject,
} from '../utils/all-categories-project.js';
import { startServerChild, stopServerChild, type ServerChild } from '../utils/start-child.js';
import { gql } from '../utils/start-test-server.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

const ROUNDS = 20;

describe('train and trainAll racing across two server processes', () => {
  let dir: string;
  let db: TestDatabase;
  const servers: ServerChild[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'train-races-processes-'));
    const configPath = writeAllCategoriesProject(dir);
    db = await createTestDatabase('postgres');
    for (const name of ['a', 'b'])
      servers.push(
        await startServerChild({
          CONFIG_PATH: configPath,
          DATA_DIR: path.join(dir, name),
          DATABASE_URL: db.url,
        }),
      );
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => stopServerChild(server)));
    await db?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should answer only QUEUED or CONFLICT', async () => {
    const outcomes: string[] = [];
    type Answer = Record<string, { status: string }[]>;
    for (let round = 0; round < ROUNDS; round++) {
      const answers = await Promise.all([
        gql<Answer>(servers[0]!, TRAIN_ALL),
        gql<Answer>(servers[1]!, TRAIN_TWO),
      ]);
      outcomes.push(...answers.map(trainOutcome));
      // Set the queued runs aside so that the next round races on free categories again.
      await db.prisma.run.updateMany({
        where: { status: { in: ['QUEUED', 'RUNNING'] } },
        data: { status: 'CANCELLED', error: 'set aside by the test' },
      });
    }
    expect(outcomes.filter((o) => o !== 'QUEUED' && o !== 'CONFLICT')).toEqual([]);
    expect(outcomes).toContain('QUEUED');
  });
});
