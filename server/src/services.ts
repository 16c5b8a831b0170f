/**
 * The services of one server process, built once by `app.ts` and handed to resolvers through the context.
 */
import type { Config } from './config/load-config.js';
import type { CategoryCatalogue } from './modules/categories/category-catalogue.js';
import type { Database } from './db/db.js';
import type { AuthServices } from './modules/auth/auth-services.js';
import type { RunEventHub } from './graphql/run-event-hub.js';
import type { ForecastsService } from './modules/forecasts/forecasts.service.js';
import type { ModelVersionsService } from './modules/model-versions/model-versions.service.js';
import type { ReplayScheduler } from './modules/runs/replay-scheduler.js';
import type { RunsService } from './modules/runs/runs.service.js';
import type { ImportRunner } from './modules/imports/import-runner.js';
import type { ImportsService } from './modules/imports/imports.service.js';
import type { SalesEvents } from './modules/sales/sales-events.js';
import type { SalesStore } from './modules/sales/sales-store.js';
import type { SalesWriter } from './modules/sales/sales-writer.js';
import type { ServerInfoService } from './modules/server-info/server-info.service.js';

export interface Services {
  config: Config;
  db: Database;
  sales: SalesStore;
  catalogue: CategoryCatalogue;
  salesEvents: SalesEvents;
  salesWriter: SalesWriter;
  imports: ImportsService;
  importRunner: ImportRunner;
  hub: RunEventHub;
  runs: RunsService;
  /** Replay reads of new subscribers, bounded and shared (run-progress.resolver.ts). */
  replays: ReplayScheduler;
  modelVersions: ModelVersionsService;
  forecasts: ForecastsService;
  serverInfo: ServerInfoService;
  /** Keys, users, sessions, who is calling, rate limits. */
  auth: AuthServices;
}
