import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, findConfigPath, loadConfig } from './load-config.js';

let dir: string;
const MINIMAL = 'data:\n  categories: [Beauty, Clothing]\n';

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-test-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('should apply the documented defaults when only categories are given', () => {
    const config = loadConfig({}, write('min.yaml', MINIMAL));
    expect(config.data).toMatchObject({ windowSize: 14, batchSize: 32, validationFraction: 0.2 });
    expect(config.data.csvPath).toBe(path.join(dir, 'data/sales_sample.csv'));
    expect(config.model).toEqual({
      convFilters: 32,
      kernelSize: 3,
      lstmUnits: 64,
      lstmLayers: 1,
      learningRate: 0.001,
      scaling: 'auto',
    });
    expect(config.training).toMatchObject({
      maxEpochs: 10,
      seed: 42,
      experimentName: 'sales-forecast',
      concurrency: 1,
      earlyStoppingPatience: 3,
    });
    expect(config.models).toEqual({
      enabled: ['CNN_LSTM', 'SEASONAL_NAIVE', 'ETS', 'MSTL', 'PROPHET'],
      backtestOrigins: 5,
      backtestHorizon: 14,
      validationRefitDays: 1,
    });
    expect(config.api).toMatchObject({ port: 4000, path: '/graphql' });
    expect(config.dataDir).toBe(path.join(dir, '.data'));
    expect(config.mlflow).toEqual({ enabled: true, env: 'local', trackingUri: 'http://127.0.0.1:5000' });
  });

  it('should let the documented environment variables override the file', () => {
    const file = write(
      'env.yaml',
      `${MINIMAL}mlflow:\n  envs:\n    local: { tracking_uri: 'http://a:5000' }\n    docker: { tracking_uri: 'http://mlflow:5000' }\n`,
    );
    const config = loadConfig(
      {
        PORT: '5050',
        WEB_PORT: '3100',
        MLFLOW_ENV: 'docker',
        DATA_DIR: '/tmp/x',
        DATABASE_URL: 'postgres://h/db',
        API_KEY: 'k',
      },
      file,
    );
    expect(config.api.port).toBe(5050);
    expect(config.web.port).toBe(3100);
    expect(config.mlflow).toMatchObject({ env: 'docker', trackingUri: 'http://mlflow:5000' });
    expect(config.dataDir).toBe('/tmp/x');
    expect(config.databaseUrl).toBe('postgres://h/db');
    expect(config.api.apiKey).toBe('k');
    expect(loadConfig({ MLFLOW_TRACKING_URI: 'http://other:1' }, file).mlflow.trackingUri).toBe(
      'http://other:1',
    );
  });

  it('should name the key, the problem and the value when a value is out of range', () => {
    const file = write('bad.yaml', `${MINIMAL}model:\n  learning_rate: -1\n`);
    expect(() => loadConfig({}, file)).toThrow(ConfigError);
    expect(() => loadConfig({}, file)).toThrow(/^bad\.yaml: model\.learning_rate: .*>0.*\(got -1\)$/);
  });

  it('should say which variable a bad override came from', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, write('p.yaml', MINIMAL))).toThrow(
      /api\.port \(from PORT\).*"eighty"/,
    );
  });

  it('should take the process role from server.* or ROLE, API_WORKERS and WORKER_PORT', () => {
    expect(loadConfig({}, write('r.yaml', MINIMAL)).server).toEqual({
      role: 'all',
      apiWorkers: 1,
      workerPort: 4001,
      workerNice: 10,
    });
    const file = write('r2.yaml', `${MINIMAL}server:\n  role: api\n  api_workers: 3\n`);
    expect(loadConfig({}, file).server).toMatchObject({ role: 'api', apiWorkers: 3 });
    const env = { ROLE: 'worker', API_WORKERS: '2', WORKER_PORT: '0' };
    expect(loadConfig(env, file).server).toMatchObject({ role: 'worker', apiWorkers: 2, workerPort: 0 });
    expect(() => loadConfig({ ROLE: 'trainer' }, file)).toThrow(/server\.role \(from ROLE\).*"trainer"/);
    expect(() => loadConfig({ API_WORKERS: '0' }, file)).toThrow(/server\.api_workers \(from API_WORKERS\)/);
  });

  it('should reject unknown keys so typos do not fall back to defaults', () => {
    expect(() => loadConfig({}, write('typo.yaml', `${MINIMAL}training:\n  max_epoch: 5\n`))).toThrow(
      /max_epoch/,
    );
  });

  it('should treat data.categories as an optional allow-list', () => {
    expect(loadConfig({}, write('nocat.yaml', 'data: {}\n')).data.categories).toBeUndefined();
    expect(() => loadConfig({}, write('dup.yaml', 'data:\n  categories: [A, A]\n'))).toThrow(
      /data\.categories: has duplicates/,
    );
  });

  it('should reject invalid YAML and an unknown MLFLOW_ENV', () => {
    expect(() => loadConfig({}, write('broken.yaml', 'data: [\n'))).toThrow(/invalid YAML/);
    expect(() => loadConfig({ MLFLOW_ENV: 'prod' }, write('m.yaml', MINIMAL))).toThrow(
      /no entry "prod".*MLFLOW_TRACKING_URI/,
    );
  });

  it('should take the log level from LOG_LEVEL and reject one pino does not know', () => {
    const file = write('log.yaml', MINIMAL);
    expect(loadConfig({}, file).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'debug' }, file).logLevel).toBe('debug');
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' }, file)).toThrow(/LOG_LEVEL must be one of .*"verbose"/);
    expect(loadConfig({}, file).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'json' }, file).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' }, file)).toThrow(/LOG_FORMAT must be one of/);
  });

  it('should default the access-control settings and refuse an origin that is not one', () => {
    const config = loadConfig({}, write('api.yaml', MINIMAL));
    expect(config.api).toMatchObject({
      allowedOrigins: [],
      trustProxy: 'loopback',
      sessionHours: 12,
      rateLimits: { windowSeconds: 60, perWindow: { predict: 600, train: 30, import: 30, sign_in: 10 } },
    });
    const bad = write('origin.yaml', `${MINIMAL}api:\n  allowed_origins: ['http://localhost:3000/app']\n`);
    expect(() => loadConfig({}, bad)).toThrow(/api\.allowed_origins\.0: must be \* or an origin/);
    const negative = write('limit.yaml', `${MINIMAL}api:\n  rate_limits:\n    train: -1\n`);
    expect(() => loadConfig({}, negative)).toThrow(/api\.rate_limits\.train/);
  });

  it('should return a frozen object', () => {
    const config = loadConfig({}, write('frozen.yaml', MINIMAL));
    expect(Object.isFrozen(config.data.categories)).toBe(true);
    expect(() => ((config.api as { port: number }).port = 1)).toThrow(TypeError);
  });

  it('should find CONFIG_PATH relative to where npm was started, else config.yaml upwards', () => {
    write('config.yaml', MINIMAL);
    const nested = path.join(dir, 'a', 'b');
    fs.mkdirSync(nested, { recursive: true });
    expect(findConfigPath({}, nested)).toBe(path.join(dir, 'config.yaml'));
    expect(findConfigPath({ CONFIG_PATH: 'min.yaml', INIT_CWD: dir }, nested)).toBe(
      path.join(dir, 'min.yaml'),
    );
  });
});
