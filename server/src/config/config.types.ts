/**
 * The validated, frozen configuration handed down from entry points (camelCase, absolute paths).
 * Built by `load-config.ts` from `config.yaml` plus environment overrides.
 */
import type { FamilyName } from '../ml/families/family.js';
import type { CnnLstmHyperparameters } from '../ml/hyperparameters.js';
import type { ServingEngine } from '../ml/onnx/serving-engine.js';

export interface Config {
  /** Absolute path of the file that was read. */
  readonly configPath: string;
  /** Directory of the config file; relative paths in it resolve against this. */
  readonly rootDir: string;
  /** Embedded database, CLI model store and other local state (DATA_DIR). @default <rootDir>/.data */
  readonly dataDir: string;
  /** A Postgres server to use instead of the embedded one (DATABASE_URL). */
  readonly databaseUrl?: string;
  /** The server's log level (LOG_LEVEL; `debug` adds the start-up breakdown). @default info */
  readonly logLevel: string;
  /**
   * LOG_FORMAT: `pretty` lines for people, `json` lines for collectors, `auto` (pretty when stdout is a
   * terminal). `npm start` pipes the API's output, so it sets `pretty` when its own stdout is a terminal.
   * @default auto
   */
  readonly logFormat: 'auto' | 'pretty' | 'json';
  readonly data: {
    readonly csvPath: string;
    readonly columns: {
      readonly date: string;
      readonly category: string;
      readonly amount: string;
      readonly transactionId: string;
    };
    /** The allow-list; undefined: every category in the data. */
    readonly categories?: readonly string[];
    /** Largest CSV an HTTP import accepts. */
    readonly maxUploadBytes: number;
    readonly windowSize: number;
    readonly batchSize: number;
    readonly validationFraction: number;
  };
  readonly model: Readonly<Omit<CnnLstmHyperparameters, 'windowSize'>>;
  readonly training: {
    readonly maxEpochs: number;
    readonly seed: number;
    readonly experimentName: string;
    readonly concurrency: number;
    readonly predictionInterval: number;
    /** Early-stopping patience in epochs, or null (train every epoch). */
    readonly earlyStoppingPatience: number | null;
  };
  readonly models: {
    /** Families an AUTO run fits (config `models.enabled`). */
    readonly enabled: readonly FamilyName[];
    readonly backtestOrigins: number;
    readonly backtestHorizon: number;
    readonly validationRefitDays: number;
  };
  /** How the API computes forecasts (config `serving`). */
  readonly serving: { readonly engine: ServingEngine };
  readonly retrain: {
    readonly enabled: boolean;
    readonly newDays: number;
    readonly untrainedMinDays: number;
  };
  readonly mlflow: { readonly enabled: boolean; readonly env: string; readonly trackingUri?: string };
  readonly api: {
    readonly port: number;
    readonly path: string;
    readonly allowedOrigins: readonly string[];
    /** WebSocket connections one client IP may hold open (`api.max_connections_per_ip`). */
    readonly maxConnectionsPerIp: number;
    /** Operations running at once on one WebSocket (`api.max_subscriptions_per_connection`). */
    readonly maxSubscriptionsPerConnection: number;
    /** API_KEY: an admin key; when set every operation needs credentials. */
    readonly apiKey?: string;
    /** Express `trust proxy` (api.trust_proxy). */
    readonly trustProxy: boolean | string;
    /** Web app sign-in lifetime (api.session_hours). */
    readonly sessionHours: number;
    /** Calls per caller per window; 0 = unlimited (api.rate_limits). */
    readonly rateLimits: {
      readonly windowSeconds: number;
      readonly perWindow: {
        readonly predict: number;
        readonly train: number;
        readonly import: number;
        readonly sign_in: number;
      };
    };
  };
  readonly web: { readonly port: number };
  /** The process role and serving processes (`server.*`; ROLE, API_WORKERS, WORKER_PORT). */
  readonly server: {
    /** `all` serves and trains, `api` only serves, `worker` only trains. */
    readonly role: ServerRole;
    /** Serving processes on the API port (node:cluster). */
    readonly apiWorkers: number;
    /** Port of a worker process's ops routes. */
    readonly workerPort: number;
    /** CPU priority (nice) of a worker process and its training threads. */
    readonly workerNice: number;
  };
}

/** What one process does (`server.role`). */
export type ServerRole = 'all' | 'api' | 'worker';
