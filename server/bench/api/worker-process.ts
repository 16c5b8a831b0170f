/**
 * `npm run worker`'s entry point (src/worker.ts) as a child of the benchmark, on the project of a server
 * started by `server-process.ts` (same config and database): training in a process of its own. Its log
 * lines are kept (the last few, for errors) rather than printed. `stop()` sends SIGTERM and waits.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;

export interface WorkerProcess {
  /** Base URL of its /healthz, /readyz and /metrics. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the worker and resolves once it listens. @throws when it exits or does not start in time. */
export async function startWorkerProcess(projectEnv: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  const env = { ...process.env, ...projectEnv, WORKER_PORT: '0', NODE_OPTIONS: '', LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/worker.ts'], {
    cwd: SERVER_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    })());
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('worker did not start in time')), READY_TIMEOUT_MS);
      child.stdout!.on('data', (chunk: Buffer) => {
        keep(chunk);
        const match = /Training worker\s+(\S+)/.exec(output);
        if (!match) return;
        clearTimeout(timer);
        resolve(match[1]!);
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`worker exited (${child.exitCode ?? child.signalCode}): ${output.trim()}`));
      });
    });
    return { url, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
