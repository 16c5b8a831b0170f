/**
 * buildWorkerApp(config): a training-only process (`server.role: worker`, `npm run worker`). It claims
 * queued runs from Postgres (`FOR UPDATE SKIP LOCKED`, `training.concurrency` at a time), trains them in
 * worker threads, records epochs and ends like a serving process does, forwards its events to the API
 * replicas over LISTEN/NOTIFY (run-event-bridge.ts), replays MLflow writes from the outbox, and serves only
 * /healthz, /readyz and /metrics. Cancels requested on an API replica reach it through the run's
 * `cancelRequested` flag, read on every queue tick. `stop()` marks what it trains FAILED (interrupted).
 */
// First: the run types the lifecycle publishes are TypeGraphQL classes, whose decorators need it loaded.
import 'reflect-metadata';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { openDatabase, type Database } from '../db/db.js';
import { PgNotifications } from '../db/pg-notifications.js';
import { RunEventBridge } from '../graphql/run-event-bridge.js';
import { RunQueueSignal } from '../training/run-queue-signal.js';
import { RunEventHub } from '../graphql/run-event-hub.js';
import { SalesStore } from '../modules/sales/sales-store.js';
import { databaseReadinessCheck } from '../ops/database-readiness.js';
import { createHealthRouter } from '../ops/health.js';
import { createLogger } from '../ops/logger.js';
import { createMetrics } from '../ops/metrics.js';
import { createReadiness } from '../ops/readiness.js';
import { countQueued } from '../training/job-queue.js';
import { createTrainingServices, type TrainingServicesOptions } from '../training/training-services.js';
import { assertRoleFits } from './role-requirements.js';

/** Options of {@link buildWorkerApp}; timings are shortened by tests. */
export interface BuildWorkerOptions extends Pick<TrainingServicesOptions, 'queue' | 'mlflowSync'> {
  logger?: Logger;
}

/** A running training worker. */
export interface WorkerApp {
  db: Database;
  /** Serves the ops routes on `port` (default `server.worker_port`; 0 = any free port). */
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
}

/**
 * Opens the database, starts the event bridge, the MLflow sync and the queue.
 * @throws RoleError when DATABASE_URL is unset (the embedded database belongs to one process).
 */
export async function buildWorkerApp(config: Config, options: BuildWorkerOptions = {}): Promise<WorkerApp> {
  assertRoleFits(config, 'worker');
  const logger = options.logger ?? createLogger({ level: config.logLevel, pretty: prettyLogs(config) });
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (err) => logger.debug({ err }, 'a database connection was closed'),
  });
  const hub = new RunEventHub();
  // One LISTEN connection and one NOTIFY pool for both channels.
  const notifications = new PgNotifications(db.url, logger);
  const bridge = new RunEventBridge(hub, notifications, logger);
  let signal: RunQueueSignal | undefined;
  try {
    const metrics = createMetrics();
    metrics.setProcessRole('worker');
    const { mlflowSync, queue } = createTrainingServices({
      config,
      db,
      hub,
      sales: new SalesStore(db.prisma, config.data.categories),
      logger,
      metrics,
      instanceId: `worker-${process.pid}-${randomUUID().slice(0, 8)}`,
      ...options,
    });
    metrics.setQueueDepthCollector(() => countQueued(db.prisma));
    if (mlflowSync) metrics.setMlflowPendingCollector(async () => (await mlflowSync.status()).pending);

    const app = express();
    app.disable('x-powered-by');
    app.use(metrics.httpMetricsMiddleware);
    app.use(createHealthRouter({ readiness: createReadiness([databaseReadinessCheck(db)]) }));
    app.get('/metrics', metrics.metricsHandler);
    const httpServer = http.createServer(app);

    // API replicas signal queued runs and cancels: claimed here at once, not on the next poll.
    signal = new RunQueueSignal(notifications, logger, queue);
    await bridge.start();
    await signal.start();
    await queue.start();
    mlflowSync?.start();
    let stopping: Promise<void> | undefined;
    return {
      db,
      start: (port = config.server.workerPort, host = '0.0.0.0') =>
        new Promise((resolve, reject) => {
          httpServer.once('error', reject);
          // Exclusive: under API_WORKERS the cluster would otherwise share this port with the API's.
          httpServer.listen({ port, host, exclusive: true }, () => {
            const actual = (httpServer.address() as AddressInfo).port;
            resolve({ url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`, port: actual });
          });
        }),
      stop: () =>
        (stopping ??= (async () => {
          httpServer.closeAllConnections();
          const closed = new Promise((resolve) => httpServer.close(resolve));
          await queue.stop(); // interrupts local runs: FAILED (interrupted), published to the replicas
          await mlflowSync?.stop();
          await closed;
          await bridge.stop();
          await signal?.stop();
          await notifications.close();
          await db.close();
        })()),
    };
  } catch (error) {
    await bridge.stop();
    await signal?.stop();
    await notifications.close();
    await db.close();
    throw error;
  }
}

function prettyLogs(config: Config): boolean | undefined {
  return config.logFormat === 'auto' ? undefined : config.logFormat === 'pretty';
}
