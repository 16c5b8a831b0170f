/**
 * `server.api_workers` (API_WORKERS) > 1: this process becomes a node:cluster primary that forks N serving
 * processes (role `api`) on one port — the primary accepts connections and hands them out round-robin —
 * plus, for role `all`, ONE training process (role `worker`), so runs train in one place, not N. The
 * children share the database and reach each other's subscribers through the event bridge (LISTEN/NOTIFY).
 * The primary serves nothing itself: it prints the URLs once every child is ready, passes SIGTERM/SIGINT
 * on, and exits 0 once all children have stopped gracefully. A child that dies on its own stops the rest
 * and the primary exits 1 (a supervisor restarts the whole set, rather than serving degraded).
 */
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config/load-config.js';
import type { ServerRole } from '../config/config.types.js';
import { stopOnShutdownSignal } from '../ops/shutdown-signals.js';

/** What a child tells the primary once it listens. */
interface ReadyMessage {
  type: 'ready';
  role: ServerRole;
  url: string;
  pid: number;
}

/** Called in a child once it listens (run-role.ts). */
export function reportReady(ready: Omit<ReadyMessage, 'type' | 'pid'>): void {
  process.send?.({ type: 'ready', pid: process.pid, ...ready } satisfies ReadyMessage);
}

/**
 * Forks the children, waits for them, and runs until a shutdown signal or a child's death.
 * @returns 0 when every child stopped with 0 after a signal; 1 when a child died or failed to start.
 */
export async function runApiCluster(config: Config, role: ServerRole): Promise<number> {
  const children = new Map<Worker, ServerRole>();
  for (let i = 0; i < config.server.apiWorkers; i++) children.set(cluster.fork({ ROLE: 'api' }), 'api');
  if (role === 'all') children.set(cluster.fork({ ROLE: 'worker' }), 'worker');

  let stopping = false;
  let crashed = false;
  const exits = [...children.keys()].map(
    (child) =>
      new Promise<number>((resolve) =>
        child.once('exit', (code, signal) => {
          if (!stopping) {
            crashed = true;
            note(`${children.get(child)} process ${child.process.pid} exited (${code ?? signal}): stopping`);
            stopAll();
          }
          resolve(code === 0 ? 0 : 1);
        }),
      ),
  );
  const stopAll = () => {
    stopping = true;
    for (const child of children.keys()) if (!child.isDead()) child.process.kill('SIGTERM');
  };

  const ready = await Promise.race([
    Promise.all([...children.keys()].map(waitReady)),
    Promise.all(exits).then(() => undefined),
  ]);
  if (!ready) return 1;
  const api = ready.filter((r) => r.role === 'api');
  const trainer = ready.find((r) => r.role === 'worker');
  process.stdout.write(
    `GraphQL API  ${api[0]!.url}${config.api.path}  (${api.length} serving processes: ${api.map((r) => r.pid).join(', ')})\n` +
      `Operations   ${api[0]!.url}/healthz  ${api[0]!.url}/readyz  ${api[0]!.url}/metrics   role: ${role}\n` +
      (trainer ? `Training     ${trainer.url}  (process ${trainer.pid}: /healthz /readyz /metrics)\n` : ''),
  );
  // Runs until a signal or until a child died (then stopAll() already went out).
  await Promise.race([stopOnShutdownSignal(async () => stopAll(), note), Promise.all(exits)]);
  const codes = await Promise.all(exits);
  return !crashed && codes.every((c) => c === 0) ? 0 : 1;
}

function waitReady(child: Worker): Promise<ReadyMessage> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if ((message as ReadyMessage | null)?.type !== 'ready') return;
      child.off('message', onMessage);
      resolve(message as ReadyMessage);
    };
    child.on('message', onMessage);
  });
}

function note(line: string): void {
  process.stderr.write(`${line}\n`);
}
