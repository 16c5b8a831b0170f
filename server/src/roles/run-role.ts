/**
 * Runs this process in its role until SIGTERM/SIGINT: `worker` trains only (`buildWorkerApp`); `all` and
 * `api` serve the API (`buildApp`, training or not), as one process or, with `server.api_workers` > 1, as
 * a cluster primary that forks the serving processes (`api-cluster.ts`). Called by the entry points
 * `index.ts` (role from config) and `worker.ts` (always `worker`).
 */
import cluster from 'node:cluster';
import type { Config } from '../config/load-config.js';
import type { ServerRole } from '../config/config.types.js';
import { stopOnShutdownSignal } from '../ops/shutdown-signals.js';
import { runApiCluster, reportReady } from './api-cluster.js';
import { lowerPriority } from './process-priority.js';
import { assertRoleFits } from './role-requirements.js';

/**
 * @returns the exit code once stopped (0 after a graceful stop).
 * @throws RoleError when the role needs Postgres and DATABASE_URL is unset.
 */
export async function runRole(config: Config, role: ServerRole): Promise<number> {
  assertRoleFits(config, role);
  if (role === 'worker') return serveWorker(config);
  if (config.server.apiWorkers > 1 && cluster.isPrimary) return runApiCluster(config, role);
  return serveApi(config, role);
}

async function serveApi(config: Config, role: ServerRole): Promise<number> {
  // Loaded once the role is known to fit: a misconfigured process fails before loading TF.js and Apollo.
  const { buildApp } = await import('../app.js');
  const app = await buildApp(config, { train: role === 'all' });
  const { url } = await app.start();
  if (cluster.isWorker) reportReady({ role, url });
  else {
    const { db } = app.services;
    print(`GraphQL API  ${url}${config.api.path}  (HTTP, WebSocket, playground in a browser)`);
    print(`Operations   ${url}/healthz  ${url}/readyz  ${url}/metrics   database: ${db.kind}, role: ${role}`);
  }
  await stopOnShutdownSignal(() => app.stop());
  return 0;
}

async function serveWorker(config: Config): Promise<number> {
  const note = lowerPriority(config.server.workerNice);
  if (note) process.stderr.write(`${note}\n`);
  const { buildWorkerApp } = await import('./worker-app.js');
  const worker = await buildWorkerApp(config);
  const { url } = await worker.start();
  if (cluster.isWorker) reportReady({ role: 'worker', url });
  else print(`Training worker  ${url}  (/healthz /readyz /metrics)   database: ${worker.db.kind}`);
  await stopOnShutdownSignal(() => worker.stop());
  return 0;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
