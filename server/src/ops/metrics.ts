/**
 * Prometheus metrics: one private registry per `createMetrics()` call holding the HTTP, GraphQL, training
 * and WebSocket metrics, the `GET /metrics` handler and the HTTP timing middleware. Built once in
 * `app.ts`; the GraphQL side is fed by `metrics.plugin.ts`, the training side by the worker pool.
 */
import type express from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { withTimeout } from './readiness.js';

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** Also export Node's process metrics (CPU, memory, event loop, GC), prefixed too. @default true */
  collectDefault?: boolean;
  /** Prepended to every metric name. @default 'sales_forecast_' */
  prefix?: string;
  /** How long a collector may take before its gauge reads NaN for this scrape. @default 1000 */
  collectorTimeoutMs?: number;
}

export type Metrics = ReturnType<typeof createMetrics>;

// Seconds. API calls are milliseconds to seconds; an epoch is a fraction of a second to minutes.
const LATENCY = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const EPOCH = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const HTTP_LABELS = ['method', 'route', 'status'] as const;
const OPERATION_LABELS = ['operation_type', 'operation_name'] as const;
// The HELP line of each metric, by its name without the prefix.
const HELP = {
  http_request_duration_seconds: 'HTTP request duration in seconds, by method, route pattern and status.',
  graphql_operation_duration_seconds: 'GraphQL operation duration in seconds, by operation type and name.',
  graphql_errors_total: 'GraphQL errors by extensions.code, parse and validation failures included.',
  training_epoch_duration_seconds: 'Duration of one training epoch in seconds, by category.',
  training_runs: 'Training runs by status, read at scrape time (NaN when the collector failed).',
  training_queue_depth: 'Training jobs waiting to be claimed, read at scrape time (NaN on failure).',
  mlflow_outbox_pending: 'MLflow writes waiting to be acknowledged, read at scrape time (NaN on failure).',
  graphql_live_subscriptions: 'GraphQL operations running over graphql-ws (mostly subscriptions).',
  websocket_connections: 'Open graphql-ws WebSocket connections.',
  metrics_collector_errors_total: 'Scrapes in which a collector failed or timed out, by collector.',
  process_role:
    'Always 1, labelled with this process id and role (all, api, worker): which process answered.',
} as const;
type MetricName = keyof typeof HELP;

/**
 * Creates the metrics of one server instance in a registry of its own (never prom-client's global one, so
 * tests and several apps in one process do not collide). Collectors run on every scrape; one that throws,
 * rejects or times out does not fail the scrape: its gauge reads NaN (each `status` seen so far, for runs)
 * and `metrics_collector_errors_total{collector}` goes up. NaN, not a stale value, so dashboards say unknown.
 * @param options see {@link MetricsOptions}.
 * @returns the registry, the metrics, the collector setters, `metricsHandler` and `httpMetricsMiddleware`.
 */
export function createMetrics(options: MetricsOptions = {}) {
  const prefix = options.prefix ?? 'sales_forecast_';
  const collectorTimeoutMs = options.collectorTimeoutMs ?? 1000;
  const registry = new Registry();
  if (options.collectDefault ?? true) collectDefaultMetrics({ register: registry, prefix });

  let collectRunStatus: (() => Promise<Record<string, number>>) | undefined;
  let collectQueueDepth: (() => Promise<number>) | undefined;
  let collectMlflowPending: (() => Promise<number>) | undefined;
  const seenStatuses = new Set<string>();
  const base = (name: MetricName) => ({ name: `${prefix}${name}`, help: HELP[name], registers: [registry] });
  const histogram = <L extends string>(name: MetricName, labelNames: readonly L[], buckets: number[]) =>
    new Histogram<L>({ ...base(name), labelNames, buckets });

  const httpRequestDuration = histogram('http_request_duration_seconds', HTTP_LABELS, LATENCY);
  const graphqlOperationDuration = histogram('graphql_operation_duration_seconds', OPERATION_LABELS, LATENCY);
  const epochDuration = histogram('training_epoch_duration_seconds', ['category'], EPOCH);
  const graphqlErrors = new Counter({ ...base('graphql_errors_total'), labelNames: ['code'] as const });
  const liveSubscriptions = new Gauge(base('graphql_live_subscriptions'));
  // Several processes serve one port (server.api_workers): a scrape says which one answered.
  const processRole = new Gauge({ ...base('process_role'), labelNames: ['pid', 'role'] as const });
  const wsConnections = new Gauge(base('websocket_connections'));

  const pending: Promise<unknown>[] = [];
  /** Runs a collector under the timeout; `undefined` (and an error counted) when it fails. */
  const guarded = <T>(collector: string, fn: () => Promise<T>): Promise<T | undefined> => {
    const run = withTimeout(Promise.resolve().then(fn), collectorTimeoutMs, collector).catch(() => {
      collectorErrors.inc({ collector });
      return undefined;
    });
    pending.push(run);
    return run;
  };

  const runsByStatus = new Gauge({
    ...base('training_runs'),
    labelNames: ['status'] as const,
    async collect() {
      if (!collectRunStatus) return;
      const counts = await guarded('run_status', collectRunStatus);
      // A status that has no runs any more reads 0 instead of keeping its last count.
      for (const status of Object.keys(counts ?? {})) seenStatuses.add(status);
      for (const status of seenStatuses) this.set({ status }, counts ? (counts[status] ?? 0) : NaN);
    },
  });
  const queueDepth = new Gauge({
    ...base('training_queue_depth'),
    async collect() {
      if (collectQueueDepth) this.set((await guarded('queue_depth', collectQueueDepth)) ?? NaN);
    },
  });
  const mlflowPending = new Gauge({
    ...base('mlflow_outbox_pending'),
    async collect() {
      if (collectMlflowPending) this.set((await guarded('mlflow_pending', collectMlflowPending)) ?? NaN);
    },
  });
  // Registered after the gauges: a scrape starts the collects in registration order, so this one can
  // wait for this scrape's collectors and count their failures in the same scrape, not the next.
  const collectorErrors = new Counter({
    ...base('metrics_collector_errors_total'),
    labelNames: ['collector'] as const,
    collect: () => Promise.all(pending.splice(0)).then(() => undefined),
  });

  /** Serves `GET /metrics` in the registry's content type; 500 with a plain-text reason if rendering fails. */
  const metricsHandler: express.RequestHandler = async (_req, res) => {
    try {
      const body = await registry.metrics();
      res.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store').send(body);
    } catch (error) {
      res.status(500).end(`metrics unavailable: ${String(error)}`);
    }
  };

  // Route label: the matched pattern with its router's mount path (`/api/items/:id`), else the mount path
  // of an `app.use()` handler such as Apollo's (`/graphql`), else `unmatched`; never the raw URL, so mount
  // paths must be literal. A request the client abandoned gets `status="aborted"`.
  const httpMetricsMiddleware: express.RequestHandler = (req, res, next) => {
    const end = httpRequestDuration.startTimer();
    res.once('close', () => {
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : req.baseUrl || 'unmatched';
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      end({ method: req.method, route, status });
    });
    next();
  };

  return {
    registry,
    httpRequestDuration,
    graphqlOperationDuration,
    graphqlErrors,
    epochDuration,
    runsByStatus,
    queueDepth,
    mlflowPending,
    liveSubscriptions,
    wsConnections,
    collectorErrors,
    /** Sets the function returning run counts by status (e.g. a Prisma `groupBy`); replaces any earlier one. */
    setRunStatusCollector(fn: () => Promise<Record<string, number>>): void {
      collectRunStatus = fn;
    },
    /** Sets the function returning the number of queued training jobs; replaces any earlier one. */
    setQueueDepthCollector(fn: () => Promise<number>): void {
      collectQueueDepth = fn;
    },
    /** Sets the function returning the MLflow writes still pending (the sync's outbox). */
    setMlflowPendingCollector(fn: () => Promise<number>): void {
      collectMlflowPending = fn;
    },
    /** Labels `process_role` with this process id and `role` (server.role). */
    setProcessRole(role: string): void {
      processRole.set({ pid: String(process.pid), role }, 1);
    },
    metricsHandler,
    httpMetricsMiddleware,
  };
}
