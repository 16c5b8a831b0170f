/**
 * Playwright global setup: a real API and the built web app on free ports, torn down after the run.
 * - API: the server's entry point (as `npm start` runs it) on a temp DATA_DIR with a tiny config (2
 *   categories, small model, 3 epochs) and sample data from the server's own generator, API_KEY set so the
 *   tests prove that the web app's proxy adds it. Database: a fresh database on the local Postgres when
 *   one answers (it is also what the latency measurement reads epoch timestamps from), else embedded PGlite.
 * - Web: `next build` with API_KEY in the environment (the bundle check greps .next/static for it; skip with
 *   E2E_SKIP_BUILD=1 when iterating), then `next start`.
 * - One Beauty model trained through the API, for the predict and runs specs.
 * The specs read E2E_* variables set here.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { gql, waitForRun } from './support/api';
import { freePort, run, start, waitForOutput, type Started } from './support/processes';

const CLIENT_DIR = path.resolve(import.meta.dirname, '..');
const SERVER_DIR = path.resolve(CLIENT_DIR, '../server');
const NEXT_BIN = createRequire(import.meta.url).resolve('next/dist/bin/next');
const ADMIN_URL = process.env.E2E_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A fresh database on the local Postgres, or null when none answers (then the API embeds PGlite). */
async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  if (process.env.E2E_POSTGRES_URL === '') return null;
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `e2e_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

function writeConfig(dir: string): string {
  const configPath = path.join(dir, 'config.yaml');
  fs.writeFileSync(
    configPath,
    [
      'data:',
      '  csv_path: sales.csv',
      '  categories: [Beauty, Clothing]',
      'model:\n  conv_filters: 4\n  lstm_units: 4',
      'training:\n  max_epochs: 3\n  concurrency: 2',
      'mlflow:\n  enabled: false',
      '',
    ].join('\n'),
  );
  return configPath;
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-e2e-'));
  const apiKey = `e2e-key-${randomUUID()}`;
  const cleanups: (() => Promise<void>)[] = [
    () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
  ];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.error('teardown:', e));
  };
  // Children must not inherit Playwright's loader options.
  const baseEnv = { ...process.env, NODE_OPTIONS: '', NEXT_TELEMETRY_DISABLED: '1' };
  try {
    await run(
      process.execPath,
      [
        '--import',
        '@swc-node/register/esm-register',
        'src/cli/generate-sample-data.ts',
        '--seed',
        '7',
        '--days',
        '240',
        '--start',
        '2024-01-01',
        '--out',
        path.join(dir, 'sales.csv'),
      ],
      { cwd: SERVER_DIR, env: baseEnv },
    );
    const configPath = writeConfig(dir);
    const database = await createDatabase();
    if (database) cleanups.push(database.drop);

    const api: Started = start(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'src/index.ts'],
      {
        cwd: SERVER_DIR,
        env: {
          ...baseEnv,
          CONFIG_PATH: configPath,
          DATA_DIR: path.join(dir, 'data'),
          PORT: '0',
          API_KEY: apiKey,
          DATABASE_URL: database?.url ?? '',
          NODE_ENV: 'production',
        },
      },
    );
    cleanups.push(api.stop);
    const [, graphqlUrl] = (await waitForOutput(api, /GraphQL API\s+(\S+)/)) as unknown as [string, string];

    // Train the model the predict and runs specs use while the web app builds.
    const trained = gql<{ train: { id: string }[] }>(
      graphqlUrl,
      'mutation { train(input: { categories: ["Beauty"], epochs: 3 }) { id } }',
      {},
      apiKey,
    ).then(async (res) => {
      const id = res.data?.train[0]?.id;
      if (!id) throw new Error(`train failed: ${JSON.stringify(res.errors)}`);
      const status = await waitForRun(graphqlUrl, id);
      if (status !== 'SUCCEEDED') throw new Error(`setup training ended ${status}`);
      return id;
    });

    const built = process.env.E2E_SKIP_BUILD !== '1';
    if (built)
      await run(process.execPath, [NEXT_BIN, 'build'], {
        cwd: CLIENT_DIR,
        env: { ...baseEnv, API_KEY: apiKey },
      });
    const webPort = await freePort();
    const web = start(process.execPath, [NEXT_BIN, 'start', '-p', String(webPort), '-H', '127.0.0.1'], {
      cwd: CLIENT_DIR,
      env: { ...baseEnv, GRAPHQL_API_URL: graphqlUrl, API_KEY: apiKey },
    });
    cleanups.push(web.stop);
    await waitForOutput(web, /Ready in/);

    Object.assign(process.env, {
      E2E_WEB_URL: `http://127.0.0.1:${webPort}`,
      E2E_API_URL: graphqlUrl,
      E2E_API_KEY: apiKey,
      E2E_DATABASE_URL: database?.url ?? '',
      E2E_BUILT_WITH_KEY: built ? '1' : '',
      E2E_TRAINED_RUN_ID: await trained,
    });
    console.log(
      `e2e: API ${graphqlUrl} (${database ? 'postgres' : 'embedded'}), web http://127.0.0.1:${webPort}`,
    );
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
