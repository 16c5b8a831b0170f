/**
 * The services of one server process, built once by `app.ts` and handed to resolvers through the context.
 */
import type { Config } from './config/load-config.js';
import type { Database } from './db/db.js';
import type { AuthServices } from './modules/auth/auth-services.js';
import type { RunEventHub } from './graphql/run-event-hub.js';
import type { ForecastsService } from './modules/forecasts/forecasts.service.js';
import type { ModelVersionsService } from './modules/model-versions/model-versions.service.js';
import type { ReplayScheduler } from './modules/runs/replay-scheduler.js';
import type { RunsService } from './modules/runs/runs.service.js';
import type { SalesData } from './modules/series/sales-data.js';
import type { ServerInfoService } from './modules/server-info/server-info.service.js';

export interface Services {
  config: Config;
  db: Database;
  data: SalesData;
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
