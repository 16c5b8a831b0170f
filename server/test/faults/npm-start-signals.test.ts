/**
 * What a user runs, whole: `npm start` at the repository root (npm → scripts/start.mjs → the compiled API
 * and the Next.js web app), NODE_ENV unset, on the local Postgres. SIGTERM to the npm process mid-training
 * must stop everything it started, exit 0, and leave the run FAILED (interrupted). npm forwards the signal
 * to its script's process only: a script that does not `exec` its command leaves a shell there, which dies
 * and orphans the servers (npm then exits 143).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { freePort } from '../utils/free-port.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gql } from '../utils/start-test-server.js';
import { createChildProject, isProcessAlive, type ChildProject } from '../utils/start-child.js';
import { waitForValue } from '../utils/wait-for.js';

const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every process below `pid` (children, their children…). */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

describe('npm start under SIGTERM (NODE_ENV unset)', () => {
  let project: ChildProject;
  beforeAll(async () => {
    project = await createChildProject('npm-start-test-');
  });
  afterAll(async () => project?.dispose());

  it('should stop the API and the web app, exit 0 and leave the run FAILED (interrupted)', async () => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      ...project.env,
      PORT: '0',
      WEB_PORT: String(await freePort()),
      NODE_OPTIONS: '',
    };
    delete env.NODE_ENV;
    const npm = spawn('npm', ['start'], { cwd: REPO_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    npm.stdout.on('data', (c: Buffer) => (out += c.toString()));
    npm.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | string | null>((resolve) =>
      npm.once('exit', (code, signal) => resolve(code ?? signal)),
    );
    let started: number[] = [];
    try {
      // The first start compiles the server and builds the web app.
      const graphqlUrl = await waitForValue(
        async () => (/Web app/.test(out) ? /\[api\] GraphQL API\s+(\S+)/.exec(out)?.[1] : undefined),
        (url) => Boolean(url) || npm.exitCode !== null,
        { timeoutMs: 400_000, intervalMs: 500 },
      );
      if (!graphqlUrl) throw new Error(`npm start did not come up: ${out.slice(-3000)}`);
      const res = await gql<{ train: { id: string }[] }>(
        { graphqlUrl },
        'mutation { train(input: { categories: ["Beauty"], epochs: 200, batchSize: 4 }) { id } }',
      );
      const runId = res.data!.train[0]!.id;
      await waitForValue(
        () => project.db.prisma.epochMetric.count({ where: { runId } }),
        (n) => n > 0,
        { timeoutMs: 120_000, intervalMs: 200 },
      );
      started = descendants(npm.pid!);
      expect(started.length).toBeGreaterThanOrEqual(3); // start.mjs, the API, the web app

      npm.kill('SIGTERM');
      expect(await exited).toBe(0);
      await waitForValue(
        async () => started.filter(isProcessAlive),
        (left) => left.length === 0,
        { timeoutMs: 20_000, intervalMs: 200 },
      );
      const run = await project.db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
      expect(run.status).toBe('FAILED');
      expect(run.error).toMatch(/interrupted/);
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      for (const pid of [...started, ...descendants(npm.pid!)])
        if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  }, 600_000);
});
