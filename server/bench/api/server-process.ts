/**
 * Starts the benchmark's API server (`server-child.ts`) in a child process on a temporary project: the
 * repo's config.yaml with the CSV path made absolute and MLflow off, DATA_DIR (and the embedded database)
 * in a temp dir unless a database URL is given. `stop()` ends the child and removes the temp dir; it is
 * idempotent, so `api.bench.ts` calls it from `finally` and from its Ctrl-C handler alike.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { profileChild, type ProfiledProcess } from './profiled-child.js';
import type { ChildMessage, EpochTimesRequest, GcRequest } from './server-child.js';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REPO_CONFIG = path.resolve(SERVER_DIR, '../config.yaml');
// A cold embedded database runs every migration through the wasm schema engine first.
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;

export interface ServerProcess {
  url: string;
  graphqlUrl: string;
  wsUrl: string;
  /** Epoch → EpochMetric.createdAt (ms) of a run, read by the server from its database. */
  epochTimes(runId: string): Promise<Map<number, number>>;
  /** A full garbage collection in the server, so that memory readings show what is still referenced. */
  collectGarbage(): Promise<void>;
  /** The project's environment (CONFIG_PATH, DATA_DIR, DATABASE_URL): a worker process joins with it. */
  projectEnv: NodeJS.ProcessEnv;
  /** V8's CPU profiler in the server's main thread (`bench:api --profile`). */
  profiler: ProfiledProcess;
  stop(): Promise<void>;
}

/** Writes the temp project: the repo's config with an absolute CSV path, rate limits off, MLflow off (unless given a URI). */
function writeProject(dir: string, mlflow = false): { configPath: string; graphqlPath: string } {
  if (!fs.existsSync(REPO_CONFIG)) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${REPO_CONFIG} not found: the benchmark runs on the repo's config`);
  }
  const doc = parseDocument(fs.readFileSync(REPO_CONFIG, 'utf8'));
  const csv = String(doc.getIn(['data', 'csv_path']));
  doc.setIn(['data', 'csv_path'], path.resolve(path.dirname(REPO_CONFIG), csv));
  // No tracking server runs during the benchmark, and its outbox retries would be measured too.
  doc.setIn(['mlflow', 'enabled'], mlflow);
  // The load is one client at thousands of calls a second: rate limits would measure themselves.
  for (const limit of ['predict', 'train', 'import']) doc.setIn(['api', 'rate_limits', limit], 0);
  const configPath = path.join(dir, 'config.yaml');
  fs.writeFileSync(configPath, doc.toString());
  const graphqlPath = doc.getIn(['api', 'path']);
  return { configPath, graphqlPath: typeof graphqlPath === 'string' ? graphqlPath : '/graphql' };
}

/**
 * Starts the server child and resolves once it listens.
 * @param options.databaseUrl a Postgres to use instead of the embedded database.
 * @param options.mlflowTrackingUri turns MLflow tracking on, against this URI.
 * @param options.role `api` serves without training (a worker process trains; needs `databaseUrl`).
 *   @default the config's (all)
 * @throws when the child exits or does not report its URL within 3 minutes (it is stopped first).
 */
export async function startServerProcess(
  options: { databaseUrl?: string; mlflowTrackingUri?: string; role?: 'all' | 'api' } = {},
): Promise<ServerProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-api-'));
  const { configPath, graphqlPath } = writeProject(dir, Boolean(options.mlflowTrackingUri));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONFIG_PATH: configPath,
    DATA_DIR: path.join(dir, 'data'),
    NODE_OPTIONS: '',
  };
  // Embedded by default, even when the caller's shell exports a DATABASE_URL.
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.mlflowTrackingUri) env.MLFLOW_TRACKING_URI = options.mlflowTrackingUri;
  if (options.role) env.ROLE = options.role;
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      '@swc-node/register/esm-register',
      path.join('bench', 'api', 'server-child.ts'),
    ],
    { cwd: SERVER_DIR, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    })());

  const pending = new Map<number, (times: [number, number][]) => void>();
  let nextRequestId = 1;
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'epochTimes') pending.get(message.requestId)?.(message.times);
    if (message.type === 'gc') pending.get(message.requestId)?.([]);
  });
  const ask = <T>(request: EpochTimesRequest | GcRequest, map: (times: [number, number][]) => T) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${request.type}`)), 10_000);
      pending.set(request.requestId, (times) => {
        clearTimeout(timer);
        pending.delete(request.requestId);
        resolve(map(times));
      });
      child.send(request);
    });

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server did not start in time')), READY_TIMEOUT_MS);
      child.on('message', (message: ChildMessage) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        resolve(message.url);
      });
      void exited.then(() => {
        clearTimeout(timer);
        // The first `...Error: message` line says why; the rest is a stack the user does not need.
        const reason = /^\w*Error: .*$/m.exec(output)?.[0] ?? output.trim().split('\n').at(-1);
        reject(new Error(`server exited (${child.exitCode ?? child.signalCode}): ${reason}`));
      });
    });
    return {
      url,
      graphqlUrl: `${url}${graphqlPath}`,
      wsUrl: `${url.replace('http', 'ws')}${graphqlPath}`,
      epochTimes: (runId) =>
        ask({ type: 'epochTimes', requestId: nextRequestId++, runId }, (times) => new Map(times)),
      collectGarbage: () => ask({ type: 'gc', requestId: nextRequestId++ }, () => undefined),
      projectEnv: { CONFIG_PATH: env.CONFIG_PATH, DATA_DIR: env.DATA_DIR, DATABASE_URL: env.DATABASE_URL },
      profiler: profileChild(child),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
