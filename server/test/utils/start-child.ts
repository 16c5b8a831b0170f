/**
 * Test helper: `npm start`'s entry point (`src/index.ts`), or `npm run worker`'s (`src/worker.ts`), as a
 * real child process, with the environment a user has: NODE_ENV is removed (jest sets it to `test`, which turns off behaviour such as Apollo's own
 * signal handlers). Resolves once the server printed its URL. `createChildProject` makes the project and
 * database such a child runs on. Used by the lifecycle and fault tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTestProject } from './start-test-server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerChild {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  url: string;
  graphqlUrl: string;
  /** Everything the child printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the child has exited. */
  exited: Promise<number | string | null>;
}

/** Starts the server on a free port with `env` added to this process's environment (less NODE_ENV). */
export function startServerChild(env: Record<string, string | undefined>): Promise<ServerChild> {
  return spawnChild('src/index.ts', { ...env, PORT: '0' }, /GraphQL API\s+(\S+)/);
}

/**
 * Starts `npm run worker`'s entry point (`src/worker.ts`, training only); resolves once it printed the URL
 * of its ops routes (`url`; `graphqlUrl` is empty: a worker serves no GraphQL).
 */
export function startWorkerChild(env: Record<string, string | undefined>): Promise<ServerChild> {
  return spawnChild('src/worker.ts', { ...env, WORKER_PORT: '0' }, /Training worker\s+(\S+)/);
}

function spawnChild(
  entry: string,
  env: Record<string, string | undefined>,
  ready: RegExp,
): Promise<ServerChild> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env, NODE_OPTIONS: '' };
  delete childEnv.NODE_ENV;
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', entry], {
    cwd: SERVER_DIR,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) {
        const printed = match[1]!;
        const url = new URL(printed).origin;
        const graphqlUrl = printed === url ? '' : printed;
        resolve({ child, url, graphqlUrl, output: () => out, exited });
      }
    });
    void exited.then((code) => reject(new Error(`${entry} exited early (${code}): ${out}`)));
  });
}

/**
 * Stops a child server with SIGTERM and waits for it to exit. A child that has not exited after
 * `timeoutMs` is killed (SIGKILL) and reported with the end of its output, so a hung shutdown fails the
 * test with a reason instead of stalling the suite.
 */
export async function stopServerChild(server: ServerChild, timeoutMs = 60_000): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const hung = await Promise.race([
    server.exited.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (!hung) return;
  server.child.kill('SIGKILL');
  await server.exited;
  throw new Error(`server did not stop within ${timeoutMs} ms of SIGTERM: ${server.output().slice(-3000)}`);
}

/** A test project for child servers: config + CSV in a temp dir and a fresh database on the local Postgres. */
export interface ChildProject {
  dir: string;
  db: TestDatabase;
  /** CONFIG_PATH, DATA_DIR and DATABASE_URL for `startServerChild`. */
  env: Record<string, string>;
  /** Drops the database and removes the directory. */
  dispose(): Promise<void>;
}

/** Writes the test project (see `writeTestProject`) and creates its database. */
export async function createChildProject(prefix: string, mlflowEnabled = false): Promise<ChildProject> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const configPath = writeTestProject(dir, '', mlflowEnabled);
  const db = await createTestDatabase('postgres');
  return {
    dir,
    db,
    env: { CONFIG_PATH: configPath, DATA_DIR: path.join(dir, 'data'), DATABASE_URL: db.url },
    dispose: async () => {
      await db.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether a process with this pid still exists (signal 0 checks without sending anything). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
