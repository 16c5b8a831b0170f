/**
 * `npm run import` as a user runs it (the CLI entry in a child process, NODE_ENV unset) on a real Postgres:
 * a clean export goes in by the fast path (Postgres reads the CSV), one with padded fields is read row by
 * row and says why; both store the same totals. An export with timestamp dates also takes the fast path.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dayTotal } from '../utils/sales-snapshot.js';
import { writeTestProject } from '../utils/start-test-server.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HEADER =
  'Transaction ID,Date,Customer ID,Gender,Age,Product Category,Quantity,Price per Unit,Total Amount';

describe('npm run import on Postgres (the CLI in a child process)', () => {
  let dir: string;
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cli-'));
    writeTestProject(dir, '', false, null);
    db = await createTestDatabase('postgres');
    env = { ...process.env, CONFIG_PATH: path.join(dir, 'config.yaml'), DATA_DIR: path.join(dir, 'data') };
    env.DATABASE_URL = db.url;
    delete env.NODE_ENV;
    delete env.NODE_OPTIONS;
  }, 60_000);
  afterAll(async () => {
    await db?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const runImport = (name: string, rows: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${[HEADER, ...rows].join('\n')}\n`);
    const result = spawnSync(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'src/cli/import.ts', '--csv', file, '--source', name],
      { cwd: SERVER_DIR, env, encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.status).toBe(0);
    return result.stdout;
  };

  it('should take the fast path for a clean export and the careful one, saying why, for padded fields', async () => {
    const clean = runImport('clean.csv', [
      'c-1,2025-06-01,C1,F,30,Kites,1,10,10',
      'c-2,2025-06-01,C2,M,40,Kites,2,5,10',
    ]);
    expect(clean).toMatch(/imported 2 rows/);
    expect(clean).not.toMatch(/read row by row/);

    const padded = runImport('padded.csv', ['p-1, 2025-06-02 ,C1,F,30, Kites ,1,7,7']);
    expect(padded).toMatch(/imported 1 rows/);
    expect(padded).toMatch(/read row by row \(date " 2025-06-02 " is not a plain, valid YYYY-MM-DD\)/);

    expect(await dayTotal(db.prisma, 'Kites', '2025-06-01')).toBe(20);
    expect(await dayTotal(db.prisma, 'Kites', '2025-06-02')).toBe(7);
  }, 240_000);

  it('should take the fast path for an export with timestamps, counting each sale on its day as written', async () => {
    const stamped = runImport('stamped.csv', [
      't-1,2025-07-01T09:15:00Z,C1,F,30,Drums,1,10,10',
      't-2,2025-07-01 23:59,C2,M,40,Drums,1,5,5',
      't-3,2025-07-02T00:30:00+02:00,C3,F,50,Drums,1,4,4',
    ]);
    expect(stamped).toMatch(/imported 3 rows/);
    expect(stamped).not.toMatch(/read row by row/);
    expect(await dayTotal(db.prisma, 'Drums', '2025-07-01')).toBe(15);
    expect(await dayTotal(db.prisma, 'Drums', '2025-07-02')).toBe(4);
  }, 240_000);
});
