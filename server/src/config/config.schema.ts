/**
 * The schema of `config.yaml`: types, ranges and defaults in one place (zod).
 * `load-config.ts` validates the parsed YAML (after environment overrides) against it;
 * everything else receives the resulting frozen `Config` and never reads the file or env itself.
 */
import { z } from 'zod';
import { FAMILY_NAMES } from '../ml/families/family.js';
import { CNN_LSTM_SCALINGS } from '../ml/hyperparameters.js';
import { SERVING_ENGINES } from '../ml/onnx/serving-engine.js';

const positiveInt = (max: number) => z.number().int().min(1).max(max);

/** Data source and dataset shape. */
const dataSchema = z.strictObject({
  /** Transaction CSV, relative to the config file. @default data/sales_sample.csv */
  csv_path: z.string().min(1).default('data/sales_sample.csv'),
  /** Header names of the three columns we read; other columns are ignored. */
  columns: z
    .strictObject({
      date: z.string().min(1).default('Date'),
      category: z.string().min(1).default('Product Category'),
      amount: z.string().min(1).default('Total Amount'),
      /** Optional in a file: rows with an id are stored once per (source, id). */
      transaction_id: z.string().min(1).default('Transaction ID'),
    })
    .prefault({}),
  /**
   * Optional allow-list: when set, only these categories are offered, trained and accepted by writes.
   * Unset: every category in the sales data.
   */
  categories: z
    .array(z.string().min(1).max(100))
    .min(1)
    .refine((c) => new Set(c).size === c.length, 'has duplicates')
    .optional(),
  /** Largest CSV an HTTP import accepts, in MB. @default 1024 */
  max_upload_mb: positiveInt(1_000_000).default(1024),
  /** Days of history the model sees. @default 14 */
  window_size: positiveInt(365).default(14),
  /** @default 32 */
  batch_size: positiveInt(4096).default(32),
  /** Last fraction of days held out for validation. @default 0.2 */
  validation_fraction: z.number().gt(0).lt(1).default(0.2),
});

/** CNN-LSTM hyperparameters (see ml/cnn-lstm.model.ts). */
const modelSchema = z.strictObject({
  conv_filters: positiveInt(1024).default(32),
  kernel_size: positiveInt(31).default(3),
  lstm_units: positiveInt(1024).default(64),
  lstm_layers: positiveInt(4).default(1),
  learning_rate: z.number().gt(0).max(1).default(0.001),
  /**
   * Input scaling: zscore (train-part mean/std, the original), log1p (then zscore), window (each window
   * by its own mean/std), or auto: in AUTO runs each category backtests the three and keeps the best, a
   * CNN-LSTM-only run uses window (no single one won on every series: README "How it models").
   * @default auto
   */
  scaling: z.enum([...CNN_LSTM_SCALINGS, 'auto']).default('auto'),
});

const trainingSchema = z.strictObject({
  /** Epochs per run unless a request overrides it. @default 10 */
  max_epochs: positiveInt(1000).default(10),
  /** Seed of weight initialisation and batch shuffling. @default 42 */
  seed: z.number().int().min(0).default(42),
  experiment_name: z.string().min(1).default('sales-forecast'),
  /** Runs that train at once, one worker thread each. @default 1 */
  concurrency: positiveInt(16).default(1),
  /**
   * Early stopping of the CNN-LSTM: stop after this many epochs without a lower validation loss and keep
   * the best epoch's weights; null trains every epoch and keeps the last. @default 3
   */
  early_stopping_patience: positiveInt(1000).nullable().default(3),
  /** Nominal coverage of forecast intervals. @default 0.9 */
  prediction_interval: z.number().gt(0).lt(1).default(0.9),
});

/** Model families, backtests and the champion choice (PRODUCT.md "Models"). */
const modelsSchema = z.strictObject({
  /**
   * Families an AUTO run fits, backtests and picks the champion from (by mean backtest MASE).
   * ARIMA is opt-in: it needs the `arima` package, which the project does not install (licence).
   * @default [CNN_LSTM, SEASONAL_NAIVE, ETS, MSTL, PROPHET]
   */
  enabled: z
    .array(z.enum(FAMILY_NAMES))
    .min(1)
    .refine((f) => new Set(f).size === f.length, 'has duplicates')
    .default(['CNN_LSTM', 'SEASONAL_NAIVE', 'ETS', 'MSTL', 'PROPHET']),
  backtest: z
    .strictObject({
      /** Rolling origins over the end of the history. @default 5 */
      origins: positiveInt(52).default(5),
      /** Days forecast from each origin. @default 14 */
      horizon: positiveInt(365).default(14),
    })
    .prefault({}),
  /**
   * One-step validation of families that must refit to see new days (ETS, MSTL, Prophet, ARIMA): refit
   * every this many validation days (1 = before every target, exact one-step). @default 1
   */
  validation_refit_days: positiveInt(28).default(1),
});

const mlflowSchema = z.strictObject({
  /** When false nothing is sent to MLflow and nothing is queued for it. @default true */
  enabled: z.boolean().default(true),
  /** Tracking URI per environment, chosen by MLFLOW_ENV (default `local`). */
  envs: z.record(z.string(), z.strictObject({ tracking_uri: z.url() })).default({
    local: { tracking_uri: 'http://127.0.0.1:5000' },
  }),
});

const apiSchema = z.strictObject({
  /** @default 4000 */
  port: z.number().int().min(0).max(65535).default(4000),
  /** GraphQL path for HTTP, WebSocket and the playground. @default /graphql */
  path: z
    .string()
    .regex(/^\/[\w\-/]*$/, 'must start with / and contain only URL path characters')
    .default('/graphql'),
  /**
   * Browser origins that may call the API (CORS) and open its WebSocket, e.g. `http://localhost:3000`;
   * `'*'` allows any. The API's own origin (the playground) and clients that send no Origin header
   * (servers, CLIs) are always allowed. @default [] (same origin only)
   */
  allowed_origins: z
    .array(z.string().regex(/^(\*|https?:\/\/[^/\s]+)$/, 'must be * or an origin like http://host:port'))
    .default([]),
  /**
   * Which proxies' X-Forwarded-For to believe for the caller's address (rate limits of anonymous
   * callers): Express' `trust proxy` values, e.g. `loopback` (the web app on the same machine),
   * `loopback, uniquelocal` (in a cluster), or `false`. @default loopback
   */
  trust_proxy: z.union([z.boolean(), z.string().min(1)]).default('loopback'),
  /** How long a web app sign-in lasts. @default 12 */
  session_hours: z
    .number()
    .gt(0)
    .max(24 * 90)
    .default(12),
  /**
   * Calls per caller (API key, user, or address when anonymous) per window; 0 = unlimited. `predict`,
   * `train` (train, trainAll, cancelRun) and `import` count mutations of that scope; `sign_in` counts
   * sign-in attempts per address and email.
   */
  rate_limits: z
    .strictObject({
      window_seconds: positiveInt(86_400).default(60),
      predict: z.number().int().min(0).default(600),
      train: z.number().int().min(0).default(30),
      import: z.number().int().min(0).default(30),
      sign_in: z.number().int().min(0).default(10),
    })
    .prefault({}),
  /** Open WebSocket connections one client IP may hold; more are closed with 4429. @default 1000 */
  max_connections_per_ip: positiveInt(1_000_000).default(1000),
  /** Operations (subscriptions) running at once on one WebSocket; more answer BAD_USER_INPUT. @default 100 */
  max_subscriptions_per_connection: positiveInt(100_000).default(100),
});

/** Retrain policy: writes that bring a category this many days past its active model queue a run. */
const retrainSchema = z.strictObject({
  /** @default false */
  enabled: z.boolean().default(false),
  /** Days of data newer than the active model's last training day. @default 7 */
  new_days: positiveInt(3650).default(7),
  /** Also train categories with no model yet, once they have this many days (0: never). @default 0 */
  untrained_min_days: z.number().int().min(0).max(36_500).default(0),
});

/** What this process does, and how many serving processes share the API port. */
const serverSchema = z.strictObject({
  /**
   * `all` serves the API and trains; `api` only serves (a `worker` process trains what it queues);
   * `worker` only trains, with /healthz, /readyz and /metrics on `worker_port`. `api` and `worker` need
   * Postgres (DATABASE_URL): the embedded database belongs to one process. @default all
   */
  role: z.enum(['all', 'api', 'worker']).default('all'),
  /**
   * Serving processes on `api.port` (node:cluster; the primary only forwards connections). With role `all`
   * one more process trains, not each of them. Above 1 needs DATABASE_URL. @default 1
   */
  api_workers: z.number().int().min(1).max(64).default(1),
  /** Port of a `worker` process's /healthz, /readyz and /metrics (0: any free port). @default 4001 */
  worker_port: z.number().int().min(0).max(65535).default(4001),
  /**
   * CPU priority (nice, 0–19) a `worker` process and its training threads take, so that on a shared
   * machine serving processes get the cores first and training the rest (0: the same as serving). A
   * process not allowed to change it keeps running at its own and logs why. @default 10
   */
  worker_nice: z.number().int().min(0).max(19).default(10),
});

/** How the API computes forecasts. */
const servingSchema = z.strictObject({
  /**
   * CNN-LSTM forward passes: auto (ONNX Runtime, TF.js when onnxruntime-node cannot load; logged once),
   * onnx (ONNX Runtime or an error) or tfjs. @default auto
   */
  engine: z.enum(SERVING_ENGINES).default('auto'),
});

/** The whole file. Unknown keys are errors: a typo must not silently fall back to a default. */
export const configFileSchema = z.strictObject({
  data: dataSchema.prefault({}),
  model: modelSchema.prefault({}),
  training: trainingSchema.prefault({}),
  retrain: retrainSchema.prefault({}),
  models: modelsSchema.prefault({}),
  serving: servingSchema.prefault({}),
  mlflow: mlflowSchema.prefault({}),
  api: apiSchema.prefault({}),
  web: z.strictObject({ port: z.number().int().min(0).max(65535).default(3000) }).prefault({}),
  server: serverSchema.prefault({}),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
