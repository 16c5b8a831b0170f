/**
 * Part 4 of `api.bench.ts`: cold start of the real entry point (`node dist/index.js`, as `npm start` runs it
 * after its one-time build) on the embedded database, with the environment a user has (NODE_ENV unset, the
 * repo's config.yaml), to the first `/readyz` 200: a first start (empty DATA_DIR: initdb, migrations, the
 * sample seed) and a later start (the same DATA_DIR). Beside it, the floor measured in the same run: a bare
 * `node:http` server's process start to its first 200. The server's own breakdown (its debug log line
 * `start-up breakdown`) is printed with each.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/utils/free-port.js';
import { createTable } from './format.js';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REPO_DIR = path.resolve(SERVER_DIR, '..');
const READY_TIMEOUT_MS = 180_000;
export const COLD_START_AIM_MS = 15_000;

/** Spawns `args` and times it to the first 200 of `url`; then SIGTERM. @returns ms and the child's stdout. */
async function timeToReady(
  args: string[],
  env: NodeJS.ProcessEnv,
  readyPath: string,
): Promise<{ ms: number; stdout: string }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: REPO_DIR,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before it was ready`);
      if (performance.now() - started > READY_TIMEOUT_MS) throw new Error('not ready within 180 s');
      const ok = await fetch(`http://127.0.0.1:${port}${readyPath}`)
        .then((res) => res.status === 200)
        .catch(() => false);
      if (ok) return { ms: performance.now() - started, stdout };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** The `startupMs` of the server's debug line `start-up breakdown (ms)`, as "phase ms, …". */
function breakdown(stdout: string): string {
  for (const line of stdout.split('\n')) {
    if (!line.includes('start-up breakdown')) continue;
    try {
      const phases = (JSON.parse(line) as { startupMs?: Record<string, number> }).startupMs ?? {};
      return Object.entries(phases)
        .map(([name, ms]) => `${name} ${ms}`)
        .join(', ');
    } catch {
      return '';
    }
  }
  return '(no breakdown line)';
}

export async function measureColdStart(): Promise<{ table: string; notes: string[]; failed?: string }> {
  // `npm start` builds once (when stale); the starts measured are those after it, as a user's are.
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: SERVER_DIR,
    encoding: 'utf8',
  });
  if (build.status !== 0) return { table: '', notes: [], failed: `server build failed: ${build.stderr}` };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cold-start-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    LOG_FORMAT: 'json',
  };
  for (const name of ['NODE_ENV', 'DATABASE_URL', 'CONFIG_PATH', 'API_WORKERS', 'ROLE']) delete env[name];
  try {
    const bare = await timeToReady(
      ['-e', "require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT)"],
      env,
      '/',
    );
    const entry = [path.join(SERVER_DIR, 'dist/index.js')];
    const first = await timeToReady(entry, env, '/readyz');
    const later = await timeToReady(entry, env, '/readyz');
    const table = createTable([
      'start',
      'to first 200 ms',
      'aim',
      'vs bare node:http',
      'server breakdown ms',
    ]);
    table.push(['bare node:http server (floor)', bare.ms.toFixed(0), '', '1.0×', '']);
    for (const [name, run] of [
      ['ours, first (empty DATA_DIR)', first],
      ['ours, later (same DATA_DIR)', later],
    ] as const)
      table.push([
        name,
        run.ms.toFixed(0),
        run.ms <= COLD_START_AIM_MS ? '≤ 15 s: met' : '≤ 15 s: NOT met',
        `${(run.ms / bare.ms).toFixed(0)}×`,
        breakdown(run.stdout),
      ]);
    return {
      table: table.toString(),
      notes: [
        'node dist/index.js from the repo root (as npm start after its build), NODE_ENV unset, embedded database, the repo config; /readyz polled every 25 ms.',
      ],
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
