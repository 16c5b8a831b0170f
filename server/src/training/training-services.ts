/**
 * What a process needs to train queued runs: the MLflow sync (when enabled), the run lifecycle and the
 * training queue, wired the same way in a serving process (`app.ts`, role `all`) and in a training-only
 * one (`roles/worker-app.ts`, role `worker`). An `api` process builds only the MLflow client (server info).
 */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { Database } from '../db/db.js';
import type { RunEventHub } from '../graphql/run-event-hub.js';
import { deserializeBundle } from '../ml/model-bundle.js';
import { bundleFiles } from '../ml/model-folder.js';
import type { DailySeriesReader } from '../modules/sales/sales-store.js';
import type { Metrics } from '../ops/metrics.js';
import { MlflowClient } from '../tracking/mlflow-client.js';
import { MlflowSync, type MlflowSyncOptions } from '../tracking/mlflow-sync.js';
import { RunLifecycle } from './run-lifecycle.js';
import { TrainingQueue } from './training-queue.js';

/** Options of {@link createTrainingServices}. */
export interface TrainingServicesOptions {
  config: Config;
  db: Database;
  hub: RunEventHub;
  sales: DailySeriesReader;
  logger: Logger;
  metrics: Metrics;
  /** Unique per process; recorded on the runs it claims. */
  instanceId: string;
  /** Queue timings, shortened by tests. */
  queue?: { pollMs?: number; staleMs?: number };
  /** MLflow sync timings, shortened by tests. */
  mlflowSync?: Pick<MlflowSyncOptions, 'pollMs' | 'leaseMs' | 'backoff'>;
  /** Called after a run made a new model version active here (to refresh caches). */
  onModelActivated?: (category: string) => void;
}

/** The training side of a process; `queue` is started by the caller once the rest is up. */
export interface TrainingServices {
  mlflowClient?: MlflowClient;
  mlflowSync?: MlflowSync;
  lifecycle: RunLifecycle;
  queue: TrainingQueue;
}

/** Builds the MLflow client of a process, or none when MLflow is off. */
export function createMlflowClient(config: Config): MlflowClient | undefined {
  return config.mlflow.enabled && config.mlflow.trackingUri
    ? new MlflowClient({ trackingUri: config.mlflow.trackingUri })
    : undefined;
}

/**
 * Builds the MLflow sync, the lifecycle and the queue (not started).
 * @returns the services; nothing touches the database until `queue.start()` / `mlflowSync.start()`.
 */
export function createTrainingServices(options: TrainingServicesOptions): TrainingServices {
  const { config, db, logger, metrics } = options;
  const mlflowClient = createMlflowClient(config);
  // Runs queue their MLflow writes in the database; the sync replays them.
  const mlflowSync =
    mlflowClient &&
    new MlflowSync({
      prisma: db.prisma,
      client: mlflowClient,
      logger,
      // A run's MLflow artifacts are its model version's folder files, read when they are uploaded.
      readModelFiles: async (id) => {
        const row = await db.prisma.modelVersion.findUnique({ where: { id }, select: { artifact: true } });
        return row && bundleFiles(deserializeBundle(row.artifact));
      },
      ...options.mlflowSync,
    });
  const lifecycle = new RunLifecycle(db.prisma, options.hub, {
    onOutboxWritten: () => mlflowSync?.kick(),
    onModelActivated: options.onModelActivated,
  });
  const queue = new TrainingQueue({
    prisma: db.prisma,
    config,
    sales: options.sales,
    lifecycle,
    logger,
    instanceId: options.instanceId,
    exclusive: db.kind === 'embedded',
    ...options.queue,
    onEpoch: (category, ms) => metrics.epochDuration.observe({ category }, ms / 1000),
  });
  return { mlflowClient, mlflowSync, lifecycle, queue };
}
