/**
 * What `npm start` runs: the server compiled to dist/ (scripts/build.mjs), started as a user would (NODE_ENV
 * unset) on the embedded database. It must listen, become ready, log its start-up breakdown at debug level,
 * and stop cleanly on SIGTERM.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTestProject } from '../utils/start-test-server.js';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the compiled server (npm start)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compiled-start-'));
    writeTestProject(dir);
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
      cwd: SERVER_DIR,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('should start from dist/, report its start-up phases at debug level and exit 0 on SIGTERM', async () => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      CONFIG_PATH: path.join(dir, 'config.yaml'),
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: '',
      PORT: '0',
      LOG_LEVEL: 'debug',
      NODE_OPTIONS: '',
    };
    delete env.NODE_ENV; // jest sets it to "test"; a user's shell does not
    const child = spawn(process.execPath, ['dist/index.js'], { cwd: SERVER_DIR, env, stdio: 'pipe' });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    const deadline = Date.now() + 120_000;
    while (!/GraphQL API\s+\S+/.test(out) || !out.includes('start-up breakdown')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = /GraphQL API\s+(\S+)\/graphql/.exec(out)![1]!;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    const line = out.split('\n').find((l) => l.includes('start-up breakdown'))!;
    const phases = (JSON.parse(line) as { startupMs: Record<string, number> }).startupMs;
    for (const phase of ['modules', 'database', 'migrations', 'salesData', 'tfBackend', 'listen', 'total'])
      expect(phases[phase]).toBeGreaterThanOrEqual(0);
    const sum = Object.entries(phases)
      .filter(([name]) => name !== 'total')
      .reduce((s, [, ms]) => s + ms, 0);
    expect(sum).toBeLessThanOrEqual(phases.total! + 5);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 180_000);
});
