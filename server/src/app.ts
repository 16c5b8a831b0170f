/**
 * buildApp(config): the whole API process — database (embedded or DATABASE_URL), sales data, TF.js
 * backend, services, the training queue, the MLflow sync, Apollo Server on Express at `api.path`,
 * graphql-ws on the same path, the offline playground, ops routes — returned as `{ start(), stop() }`.
 * `stop()` stops accepting, finishes in-flight requests, closes sockets and leaves no run RUNNING.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import graphqlUploadExpress from 'graphql-upload/graphqlUploadExpress.mjs';
import type { Logger } from 'pino';
import type { Config } from './config/load-config.js';
import { openDatabase } from './db/db.js';
import { PgNotifications } from './db/pg-notifications.js';
import { buildSchema } from './graphql/build-schema.js';
import { corsOptions } from './graphql/allowed-origins.js';
import { tokenFromHeaders, type Context } from './graphql/context.js';
import { bodyErrorHandler } from './graphql/body-errors.js';
import { createHttpStatusPlugin } from './graphql/http-status.plugin.js';
import { createNulBytePlugin } from './graphql/nul-bytes.js';
import { createReadScopePlugin } from './graphql/read-scope.plugin.js';
import { createFormatError } from './graphql/errors.js';
import { apolloLimits, LIMITS } from './graphql/limits.js';
import { RunEventBridge } from './graphql/run-event-bridge.js';
import { RunQueueSignal } from './training/run-queue-signal.js';
import { RunEventHub } from './graphql/run-event-hub.js';
import { createWsServer } from './graphql/ws-server.js';
import { initBackend } from './ml/backend.js';
import { servingEngineName } from './ml/onnx/forward-pass.js';
import { createAuthServices } from './modules/auth/auth-services.js';
import { createAuthRouter, requireScopeRoute } from './modules/auth/auth.routes.js';
import { ForecastsService } from './modules/forecasts/forecasts.service.js';
import { ModelVersionsService } from './modules/model-versions/model-versions.service.js';
import { createPlotRouter } from './modules/model-versions/plot.route.js';
import { ReplayScheduler } from './modules/runs/replay-scheduler.js';
import { RunsService } from './modules/runs/runs.service.js';
import { CategoryCatalogue } from './modules/categories/category-catalogue.js';
import { IMPORT_STALE_MS, ImportRunner } from './modules/imports/import-runner.js';
import { ImportsService } from './modules/imports/imports.service.js';
import { RetrainPolicy } from './modules/sales/retrain-policy.js';
import { SalesEventBridge } from './modules/sales/sales-event-bridge.js';
import { SalesEvents } from './modules/sales/sales-events.js';
import { toImport } from './modules/imports/import.type.js';
import { SalesStore } from './modules/sales/sales-store.js';
import { SalesWriter } from './modules/sales/sales-writer.js';
import { seedSalesIfEmpty } from './modules/sales/seed-sales.js';
import { ServerInfoService } from './modules/server-info/server-info.service.js';
import type { MlflowSyncOptions } from './tracking/mlflow-sync.js';
import { createHealthRouter } from './ops/health.js';
import { createLogger, createHttpLogger } from './ops/logger.js';
import { createMetrics } from './ops/metrics.js';
import { createMetricsPlugin } from './ops/metrics.plugin.js';
import { createPlaygroundRouter } from './ops/playground.js';
import { createStartupTimer, type StartupTimer } from './ops/startup-timer.js';
import { createReadiness } from './ops/readiness.js';
import { databaseReadinessCheck } from './ops/database-readiness.js';
import type { Services } from './services.js';
import { countQueued } from './training/job-queue.js';
import { createTrainingServices } from './training/training-services.js';

export interface BuildAppOptions {
  logger?: Logger;
  /** Queue timings, shortened by tests. */
  queue?: { pollMs?: number; staleMs?: number };
  /** MLflow sync timings (poll, lease, backoff), shortened by tests. */
  mlflowSync?: Pick<MlflowSyncOptions, 'pollMs' | 'leaseMs' | 'backoff'>;
  /** Start-up phase timing (index.ts starts it before anything else). @default one started here */
  startupTimer?: StartupTimer;
  /** Whether this process trains queued runs. @default true for `server.role: all`, false for `api` */
  train?: boolean;
}

export interface App {
  services: Services;
  /** Listens on `port` (default config.api.port; 0 = any free port) and returns the base URL. */
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
}

export async function buildApp(config: Config, options: BuildAppOptions = {}): Promise<App> {
  const logger =
    options.logger ??
    createLogger({
      level: config.logLevel,
      pretty: config.logFormat === 'auto' ? undefined : config.logFormat === 'pretty',
    });
  const production = process.env.NODE_ENV === 'production';
  const timer = options.startupTimer ?? createStartupTimer();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (err) => logger.debug({ err }, 'a database connection was closed'),
    onPhase: (name) => timer.mark(name),
  });
  // Several processes on one Postgres: one LISTEN connection and one NOTIFY pool for all the channels below.
  const notifications = db.kind === 'postgres' ? new PgNotifications(db.url, logger) : undefined;
  try {
    const instanceId = `${process.pid}-${randomUUID().slice(0, 8)}`;
    const sales = new SalesStore(db.prisma, config.data.categories);
    const imports = new ImportsService(db.prisma);
    // The embedded database has one process: an import left unfinished was this one's, before a restart.
    await imports.markInterrupted(new Date(Date.now() - IMPORT_STALE_MS), db.kind === 'embedded');
    await seedSalesIfEmpty({ config, db, store: sales, logger, instanceId });
    await sales.registerAllowList();
    timer.mark('salesData');
    const tfBackend = await initBackend('auto');
    timer.mark('tfBackend');
    const hub = new RunEventHub();
    const modelVersions = new ModelVersionsService(db.prisma, config.serving.engine);
    const imported = await modelVersions.importCliVersions(config.dataDir);
    if (imported) logger.info({ imported }, 'imported model versions trained by the CLI');
    await modelVersions.backfillDataLastDay();
    timer.mark('cliModelImport');
    const metrics = createMetrics();
    // Role `api` serves only: its runs are trained by a `worker` process that claims them from the queue.
    const train = options.train ?? config.server.role === 'all';
    metrics.setProcessRole(train ? 'all' : 'api');
    const forecasts = new ForecastsService(modelVersions, sales);
    const { mlflowClient, mlflowSync, queue } = createTrainingServices({
      config,
      db,
      hub,
      sales,
      logger,
      metrics,
      instanceId,
      queue: options.queue,
      mlflowSync: options.mlflowSync,
      onModelActivated: (category) => forecasts.invalidate(category),
    });
    // Several processes on one Postgres: a run queued or cancelled here wakes the ones that train at once.
    const signal = notifications && new RunQueueSignal(notifications, logger, train ? queue : undefined);
    const runs = new RunsService(
      db.prisma,
      config,
      sales,
      () => {
        if (train) queue.notify();
        signal?.queued();
      },
      {
        cancel: (runId) => {
          signal?.cancelRequested(runId);
          return train && queue.cancel(runId);
        },
      },
    );
    const salesEvents = new SalesEvents();
    const policy = new RetrainPolicy(db.prisma, config, runs);
    const importRunner = new ImportRunner({
      config,
      db,
      imports,
      events: salesEvents,
      policy,
      logger,
      instanceId,
      onCategoryChanged: (category) => forecasts.invalidateSales(category),
    });
    importRunner.start();
    const services: Services = {
      config,
      db,
      sales,
      imports,
      importRunner,
      catalogue: new CategoryCatalogue(db.prisma, sales),
      hub,
      modelVersions,
      runs,
      salesEvents,
      salesWriter: new SalesWriter({
        prisma: db.prisma,
        store: sales,
        events: salesEvents,
        policy,
        onCategoryChanged: (category) => forecasts.invalidateSales(category),
      }),
      replays: new ReplayScheduler(),
      forecasts,
      serverInfo: new ServerInfoService(
        config,
        { tfBackend, database: db.kind, servingEngine: () => servingEngineName(config.serving.engine) },
        async () => (mlflowClient ? mlflowClient.ping() : false),
        mlflowSync ? () => mlflowSync.status() : undefined,
      ),
      auth: createAuthServices(config, db, (err) =>
        logger.warn({ err }, 'rate-limit database connection failed'),
      ),
    };
    metrics.setRunStatusCollector(async () => {
      const groups = await db.prisma.run.groupBy({ by: ['status'], _count: { _all: true } });
      return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
    });
    metrics.setQueueDepthCollector(() => countQueued(db.prisma));
    if (mlflowSync) metrics.setMlflowPendingCollector(async () => (await mlflowSync.status()).pending);

    const schema = await buildSchema();
    timer.mark('schema');
    const app = express();
    const httpServer = http.createServer(app);
    const ws = createWsServer({ httpServer, path: config.api.path, schema, services, production });
    const limits = apolloLimits();
    const apollo = new ApolloServer<Context>({
      schema,
      introspection: true,
      // index.ts owns SIGTERM/SIGINT: Apollo's handler would stop only itself and re-raise the signal,
      // killing the process before the queue, the MLflow sync and the database are shut down.
      stopOnTerminationSignals: false,
      ...limits,
      includeStacktraceInErrorResponses: !production,
      formatError: createFormatError({
        production,
        onInternalError: (err) => logger.error({ err }, 'GraphQL error'),
      }),
      plugins: [
        // graphql-armor is typed against Apollo's CommonJS build; the plugins are the same at run time.
        ...(limits.plugins as unknown as ApolloServerPlugin<Context>[]),
        ApolloServerPluginDrainHttpServer({ httpServer }),
        { serverWillStart: async () => ({ drainServer: async () => ws.dispose() }) },
        ApolloServerPluginLandingPageDisabled(),
        createReadScopePlugin(),
        createHttpStatusPlugin<Context>(),
        createNulBytePlugin<Context>(),
        createMetricsPlugin<Context>(metrics),
      ],
    });
    await apollo.start();
    timer.mark('apollo');

    app.disable('x-powered-by');
    // The caller's address (rate limits of anonymous callers) from X-Forwarded-For of trusted proxies only.
    app.set('trust proxy', config.api.trustProxy);
    app.use(createHttpLogger(logger));
    app.use(metrics.httpMetricsMiddleware);
    app.use(
      createHealthRouter({
        readiness: createReadiness([databaseReadinessCheck(db)]),
      }),
    );
    app.get('/metrics', (req, res, next) => {
      metrics.liveSubscriptions.set(hub.subscriberCount);
      void metrics.metricsHandler(req, res, next);
    });
    app.use(createAuthRouter(services.auth));
    app.use('/plots', requireScopeRoute(services.auth, 'read'));
    app.use(createPlotRouter(modelVersions));
    // CORS first: the playground router would otherwise answer the preflight (OPTIONS) without its headers.
    app.use(config.api.path, cors(corsOptions(config.api.allowedOrigins)));
    app.use(createPlaygroundRouter({ graphqlPath: config.api.path }));
    app.use(
      config.api.path,
      express.json({
        limit: LIMITS.maxBodyBytes,
        type: ['application/json', 'application/graphql-response+json'],
      }),
      // GraphQL multipart requests (file uploads) become ordinary operations with Upload variables.
      graphqlUploadExpress({
        maxFiles: 1,
        maxFileSize: config.data.maxUploadBytes,
        maxFieldSize: LIMITS.maxBodyBytes,
      }),
      expressMiddleware(apollo, {
        context: async ({ req }) => ({
          services,
          principal: await services.auth.authenticator.authenticate({
            token: tokenFromHeaders(req.headers),
            ip: req.ip,
          }),
        }),
      }),
      bodyErrorHandler,
    );

    // Several replicas on one Postgres: events of runs trained elsewhere reach this replica's subscribers.
    const bridge = notifications && new RunEventBridge(hub, notifications, logger);
    await bridge?.start();
    const salesBridge = notifications
      ? new SalesEventBridge(
          salesEvents,
          notifications,
          logger,
          async (id) => {
            const row = await imports.get(id);
            return row && toImport(row);
          },
          async (since) => ({
            sales: await sales.changedSince(since),
            imports: (await imports.changedSince(since)).map(toImport),
          }),
        )
      : undefined;
    await salesBridge?.start();
    await signal?.start();
    if (train) await queue.start();
    timer.mark('queue');
    mlflowSync?.start();
    let stopping: Promise<void> | undefined;
    return {
      services,
      start: (port = config.api.port, host = '0.0.0.0') =>
        new Promise((resolve, reject) => {
          httpServer.once('error', reject);
          httpServer.listen(port, host, () => {
            timer.mark('listen');
            timer.log(logger);
            const actual = (httpServer.address() as AddressInfo).port;
            resolve({ url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`, port: actual });
          });
        }),
      stop: () =>
        (stopping ??= (async () => {
          await apollo.stop(); // stops accepting, drains HTTP and WebSocket clients
          await importRunner.stop();
          await queue.stop();
          await mlflowSync?.stop(); // before the database closes: it settles the row it is sending
          await services.auth.rateLimits.close();
          await bridge?.stop();
          await salesBridge?.stop();
          await signal?.stop();
          await notifications?.close();
          await db.close();
        })()),
    };
  } catch (error) {
    await notifications?.close();
    await db.close();
    throw error;
  }
}
