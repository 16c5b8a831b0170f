/**
 * Reads `config.yaml` once, applies the documented environment overrides, validates it against
 * `config.schema.ts` and returns a frozen `Config` (camelCase, absolute paths). Called by entry points
 * only (CLI, server index); everything else receives the `Config` it needs as an argument.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { configFileSchema, type ConfigFile } from './config.schema.js';
import { ConfigError } from './config-error.js';
import type { Config } from './config.types.js';

export type { Config } from './config.types.js';
export { ConfigError } from './config-error.js';

/** Environment variables we honour; every other setting comes from the file. */
export type ConfigEnv = Partial<
  Record<
    | 'CONFIG_PATH'
    | 'DATABASE_URL'
    | 'DATA_DIR'
    | 'MLFLOW_TRACKING_URI'
    | 'MLFLOW_ENV'
    | 'PORT'
    | 'WEB_PORT'
    | 'ROLE'
    | 'API_WORKERS'
    | 'WORKER_PORT'
    | 'API_KEY'
    | 'LOG_LEVEL'
    | 'LOG_FORMAT'
    | 'INIT_CWD',
    string | undefined
  >
>;

/** pino's levels, for LOG_LEVEL. */
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
/** LOG_FORMAT: `auto` is pretty on a terminal and JSON otherwise. */
const LOG_FORMATS = ['auto', 'pretty', 'json'];

/** Which env var overrides which key: named in errors so users know where a bad value came from. */
const ENV_KEYS: Record<string, string> = {
  'api.port': 'PORT',
  'web.port': 'WEB_PORT',
  'server.role': 'ROLE',
  'server.api_workers': 'API_WORKERS',
  'server.worker_port': 'WORKER_PORT',
};

/**
 * Finds the config file: `CONFIG_PATH` (relative to the directory npm was started in), else the first
 * `config.yaml` in the working directory or one of its parents.
 * @throws ConfigError when no file is found.
 */
export function findConfigPath(env: ConfigEnv = process.env, cwd = process.cwd()): string {
  const base = env.INIT_CWD ?? cwd;
  if (env.CONFIG_PATH) return path.resolve(base, env.CONFIG_PATH);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'config.yaml');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir)
      throw new ConfigError(`config.yaml not found in ${cwd} or its parents; set CONFIG_PATH`);
  }
}

/**
 * Loads, overrides, validates and freezes the configuration.
 * @param env the environment to read overrides from. @default process.env
 * @throws ConfigError with one line per problem: `config.yaml: model.learning_rate must be > 0 (got -1)`.
 */
export function loadConfig(env: ConfigEnv = process.env, configPath = findConfigPath(env)): Config {
  const name = path.basename(configPath);
  if (!fs.existsSync(configPath)) throw new ConfigError(`${configPath}: file not found (set CONFIG_PATH)`);
  const doc = parseDocument(fs.readFileSync(configPath, 'utf8'));
  if (doc.errors.length > 0)
    throw new ConfigError(`${name}: invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const raw = (doc.toJS() ?? {}) as Record<string, Record<string, unknown> | undefined>;
  applyEnvOverrides(raw, env);
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(formatIssues(name, parsed.error.issues, raw));
  return deepFreeze(toConfig(parsed.data, configPath, env));
}

function applyEnvOverrides(raw: Record<string, Record<string, unknown> | undefined>, env: ConfigEnv): void {
  const setNumber = (section: string, key: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    raw[section] = { ...raw[section], [key]: /^\d+$/.test(value) ? Number(value) : value };
  };
  setNumber('api', 'port', env.PORT);
  setNumber('web', 'port', env.WEB_PORT);
  setNumber('server', 'role', env.ROLE);
  setNumber('server', 'api_workers', env.API_WORKERS);
  setNumber('server', 'worker_port', env.WORKER_PORT);
}

function formatIssues(name: string, issues: z.core.$ZodIssue[], raw: unknown): string {
  return issues
    .map((issue) => {
      const keyPath = issue.path.join('.') || '(top level)';
      const from = ENV_KEYS[keyPath] ? ` (from ${ENV_KEYS[keyPath]})` : '';
      const got = valueAt(raw, issue.path);
      const shown = got === undefined ? '' : ` (got ${JSON.stringify(got)})`;
      return `${name}: ${keyPath}${from}: ${issue.message}${shown}`;
    })
    .join('\n');
}

function valueAt(raw: unknown, keyPath: PropertyKey[]): unknown {
  return keyPath.reduce<unknown>(
    (node, key) =>
      node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined,
    raw,
  );
}

function toConfig(file: ConfigFile, configPath: string, env: ConfigEnv): Config {
  const rootDir = path.dirname(configPath);
  const mlflowEnv = env.MLFLOW_ENV || 'local';
  const envEntry = file.mlflow.envs[mlflowEnv];
  if (!env.MLFLOW_TRACKING_URI && file.mlflow.enabled && !envEntry) {
    const known = Object.keys(file.mlflow.envs).join(', ') || 'none';
    throw new ConfigError(
      `${path.basename(configPath)}: mlflow.envs has no entry "${mlflowEnv}" (from MLFLOW_ENV; known: ${known}); add it or set MLFLOW_TRACKING_URI`,
    );
  }
  const { data, model, training, retrain, api, web, server } = file;
  const logFormat = env.LOG_FORMAT || 'auto';
  if (!LOG_FORMATS.includes(logFormat))
    throw new ConfigError(
      `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')} (got ${JSON.stringify(logFormat)})`,
    );
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(logLevel)})`,
    );
  return {
    configPath,
    rootDir,
    dataDir: path.resolve(env.INIT_CWD ?? rootDir, env.DATA_DIR || path.join(rootDir, '.data')),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel,
    logFormat: logFormat as Config['logFormat'],
    data: {
      csvPath: path.resolve(rootDir, data.csv_path),
      columns: {
        date: data.columns.date,
        category: data.columns.category,
        amount: data.columns.amount,
        transactionId: data.columns.transaction_id,
      },
      categories: data.categories && [...data.categories],
      maxUploadBytes: data.max_upload_mb * 1024 * 1024,
      windowSize: data.window_size,
      batchSize: data.batch_size,
      validationFraction: data.validation_fraction,
    },
    model: {
      convFilters: model.conv_filters,
      kernelSize: model.kernel_size,
      lstmUnits: model.lstm_units,
      lstmLayers: model.lstm_layers,
      learningRate: model.learning_rate,
      scaling: model.scaling,
    },
    training: {
      maxEpochs: training.max_epochs,
      seed: training.seed,
      experimentName: training.experiment_name,
      concurrency: training.concurrency,
      predictionInterval: training.prediction_interval,
      earlyStoppingPatience: training.early_stopping_patience,
    },
    models: {
      enabled: [...file.models.enabled],
      backtestOrigins: file.models.backtest.origins,
      backtestHorizon: file.models.backtest.horizon,
      validationRefitDays: file.models.validation_refit_days,
    },
    serving: { engine: file.serving.engine },
    retrain: {
      enabled: retrain.enabled,
      newDays: retrain.new_days,
      untrainedMinDays: retrain.untrained_min_days,
    },
    mlflow: {
      enabled: file.mlflow.enabled,
      env: mlflowEnv,
      trackingUri: env.MLFLOW_TRACKING_URI || envEntry?.tracking_uri,
    },
    api: {
      port: api.port,
      path: api.path,
      allowedOrigins: [...api.allowed_origins],
      maxConnectionsPerIp: api.max_connections_per_ip,
      maxSubscriptionsPerConnection: api.max_subscriptions_per_connection,
      apiKey: env.API_KEY || undefined,
      trustProxy: api.trust_proxy,
      sessionHours: api.session_hours,
      rateLimits: {
        windowSeconds: api.rate_limits.window_seconds,
        perWindow: {
          predict: api.rate_limits.predict,
          train: api.rate_limits.train,
          import: api.rate_limits.import,
          sign_in: api.rate_limits.sign_in,
        },
      },
    },
    web: { port: web.port },
    server: {
      role: server.role,
      apiWorkers: server.api_workers,
      workerPort: server.worker_port,
      workerNice: server.worker_nice,
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
