/**
 * Test helper: a real API server on 127.0.0.1 and a free port, on a fresh database of its own (a new
 * database on the local Postgres, or the embedded PGlite under a temp DATA_DIR — `TEST_DB_KIND` picks the
 * default), small generated sales data (2 categories, 240 days) and a tiny model so training takes seconds.
 * `dispose()` stops the server and removes everything it made, even after a failed test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { buildApp, type App, type BuildAppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/load-config.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import {
  DEFAULT_CATEGORY_PROFILES,
  generateSampleTransactions,
  SAMPLE_HEADER,
} from '../../src/ml/data/sample-data.js';
import { createTestDatabase, type TestDatabaseKind } from './test-database.js';

export interface TestServer {
  app: App;
  url: string;
  graphqlUrl: string;
  wsUrl: string;
  dataDir: string;
  /** A client on the server's database, for asserting what was (not) written. */
  prisma: PrismaClient;
  dbKind: TestDatabaseKind;
  /** The configuration it runs on (to start a worker on the same database and project). */
  config: Config;
  dispose(): Promise<void>;
}

export interface TestServerOptions {
  dbKind?: TestDatabaseKind;
  apiKey?: string;
  /** Extra YAML appended to the generated config. */
  extraConfig?: string;
  /** data.categories (the allow-list); null: none, every category in the data. @default Beauty, Clothing, Toys */
  allowList?: readonly string[] | null;
  /** More keys of the `data:` section, as YAML lines indented by two spaces. */
  dataConfig?: string;
  queue?: { pollMs?: number; staleMs?: number };
  /** false: an API-only replica (ROLE=api: queues runs, never trains them). @default true */
  train?: boolean;
  /** Turns MLflow tracking on (mlflow.enabled true) against this tracking URI, e.g. a fake MLflow's. */
  mlflowTrackingUri?: string;
  /** MLflow sync timings. @default poll 100 ms, backoff 50 ms doubling up to 400 ms */
  mlflowSync?: BuildAppOptions['mlflowSync'];
}

export const TEST_CATEGORIES = ['Beauty', 'Clothing'] as const;

/** Writes the config and CSV a test server (or a child process) runs on; returns the config path. */
export function writeTestProject(
  dir: string,
  extraConfig = '',
  mlflowEnabled = false,
  allowList: readonly string[] | null = [...TEST_CATEGORIES, 'Toys'],
  dataConfig = '',
): string {
  const profiles = DEFAULT_CATEGORY_PROFILES.filter((p) =>
    (TEST_CATEGORIES as readonly string[]).includes(p.name),
  );
  const rows = [
    ...generateSampleTransactions({ seed: 7, startDate: '2024-01-01', days: 240, categories: profiles }),
  ];
  fs.writeFileSync(
    path.join(dir, 'sales.csv'),
    [SAMPLE_HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n',
  );
  const configPath = path.join(dir, 'config.yaml');
  fs.writeFileSync(
    configPath,
    [
      'data:',
      '  csv_path: sales.csv',
      allowList ? `  categories: [${allowList.join(', ')}]` : '',
      dataConfig,
      'model:\n  conv_filters: 4\n  lstm_units: 4',
      // Lifecycle tests count on every requested epoch (cancel mid-run, kill mid-run, replay 1..n):
      // early stopping is tested on its own (ml/train-model.test.ts).
      'training:\n  max_epochs: 3\n  concurrency: 2\n  early_stopping_patience: null',
      `mlflow:\n  enabled: ${mlflowEnabled}`,
      extraConfig,
    ].join('\n'),
  );
  return configPath;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dbKind = options.dbKind ?? ((process.env.TEST_DB_KIND as TestDatabaseKind | undefined) || 'postgres');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-test-'));
  const configPath = writeTestProject(
    dir,
    options.extraConfig,
    Boolean(options.mlflowTrackingUri),
    options.allowList,
    options.dataConfig,
  );
  const database = dbKind === 'postgres' ? await createTestDatabase('postgres') : undefined;
  const config = loadConfig(
    {
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: database?.url,
      API_KEY: options.apiKey,
      MLFLOW_TRACKING_URI: options.mlflowTrackingUri,
    },
    configPath,
  );
  let app: App | undefined;
  const dispose = async () => {
    await app?.stop();
    await database?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    app = await buildApp(config, {
      logger: pino({ level: 'silent' }),
      queue: options.queue ?? { pollMs: 200 },
      train: options.train,
      mlflowSync: options.mlflowSync ?? { pollMs: 100, backoff: { baseMs: 50, maxMs: 400 } },
    });
    const { url } = await app.start(0, '127.0.0.1');
    return {
      app,
      url,
      graphqlUrl: `${url}/graphql`,
      wsUrl: `${url.replace('http', 'ws')}/graphql`,
      dataDir: config.dataDir,
      prisma: database?.prisma ?? app.services.db.prisma,
      dbKind,
      config,
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** POSTs a GraphQL operation and returns the parsed body (and status). */
export async function gql<T = Record<string, unknown>>(
  server: Pick<TestServer, 'graphqlUrl'>,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}
