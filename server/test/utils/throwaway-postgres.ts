/**
 * Test helper: a Postgres cluster of the test's own (Debian's PostgreSQL 15 binaries, a temp directory, a
 * free port on 127.0.0.1, trust auth) that the test can stop and start to play a database outage, and
 * that `dispose()` removes. initdb refuses to run as root, so as root it runs as the `postgres` user.
 * Used by the fault suite (test/faults/).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from './free-port.js';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env.POSTGRES_BIN_DIR || '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  adminUrl: string;
  /** A URL of database `name` on this cluster. */
  urlOf(name: string): string;
  /** Stops the server; `fast` ends every connection (what a restart or failover does to clients). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops it (if running) and removes its directory. Idempotent. */
  dispose(): Promise<void>;
}

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
function pgBin(name: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, name), ...args]]
    : [path.join(BIN, name), args];
  return run(file, argv, { timeout: 60_000 });
}

/** Creates and starts a cluster. @throws when the binaries are missing (set POSTGRES_BIN_DIR). */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'throwaway-pg-'));
  if (process.getuid?.() === 0) await run('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  let running = false;
  const start = async () => {
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await pgBin('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
    running = true;
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await pgBin('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    running = false;
  };
  let disposed: Promise<void> | undefined;
  const dispose = () =>
    (disposed ??= (async () => {
      if (running) await stop('immediate').catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    })());
  try {
    await pgBin('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    await start();
  } catch (error) {
    await dispose();
    throw error;
  }
  const urlOf = (name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  return { adminUrl: urlOf('postgres'), urlOf, stop, start, dispose };
}
