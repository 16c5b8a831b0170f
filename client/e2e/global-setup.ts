/**
 * Playwright global setup: a real API and the built web app on free ports, torn down after the run.
 * - API: the server's entry point (as `npm start` runs it) on a temp DATA_DIR with a tiny config (2
 *   categories generated, no allow-list so imports add categories, small model, 3 epochs, AUTO runs over
 *   three quick families, the web app's origin allowed) and sample data from the server's own generator, protected: API_KEY set, and a viewer and a trainer made with `npm run users` beforehand
 *   (real child processes). Database: a fresh database on the local Postgres when one answers (it is also
 *   what the latency measurement reads epoch timestamps from), else embedded PGlite.
 * - Web: `next build` with API_KEY in the environment (the bundle check greps .next/static for it; skip with
 *   E2E_SKIP_BUILD=1 when iterating), then `next start` without it: the web app signs its users in.
 * - The trainer signed in through the web app's own sign-in route; its cookie is the specs' storage state.
 * - One Beauty model trained through the API, for the predict and runs specs.
 * The specs read E2E_* variables set here.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from '@playwright/test';
import pg from 'pg';
import { gql, waitForRun } from './support/api';
import { freePort, run } from './support/processes';
import { baseEnv, CLIENT_DIR, NEXT_BIN, SERVER_DIR, startApi, startWeb } from './support/stack';
import { TRAINER_STATE, USERS } from './support/users';

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

function writeConfig(dir: string, webOrigin: string): string {
  const configPath = path.join(dir, 'config.yaml');
  fs.writeFileSync(
    configPath,
    [
      'data:',
      '  csv_path: sales.csv',
      'model:\n  conv_filters: 4\n  lstm_units: 4',
      // No early stopping: the specs count one point per epoch asked for (bench:web trains 40).
      'training:\n  max_epochs: 3\n  concurrency: 2\n  early_stopping_patience: null',
      // AUTO runs (the models spec) fit three quick families on short backtests.
      'models:\n  enabled: [CNN_LSTM, SEASONAL_NAIVE, ETS]\n  backtest:\n    origins: 2\n    horizon: 7',
      'mlflow:\n  enabled: false',
      `api:\n  allowed_origins: ['${webOrigin}']`,
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
  const env = baseEnv();
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
        '--categories',
        '2',
        '--out',
        path.join(dir, 'sales.csv'),
      ],
      { cwd: SERVER_DIR, env },
    );
    const webPort = await freePort();
    const webUrl = `http://127.0.0.1:${webPort}`;
    const configPath = writeConfig(dir, webUrl);
    const database = await createDatabase();
    if (database) cleanups.push(database.drop);
    const apiEnv: NodeJS.ProcessEnv = {
      ...env,
      CONFIG_PATH: configPath,
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: database?.url ?? '',
      NODE_ENV: 'production',
    };
    // Before the API starts: an embedded database is held by one process at a time.
    for (const [role, user] of Object.entries(USERS))
      await run(
        process.execPath,
        [
          '--import',
          '@swc-node/register/esm-register',
          'src/cli/users.ts',
          'create',
          '--email',
          user.email,
          '--role',
          role,
        ],
        { cwd: SERVER_DIR, env: apiEnv, input: `${user.password}\n` },
      );

    const { api, graphqlUrl } = await startApi({ ...apiEnv, API_KEY: apiKey });
    cleanups.push(async () => {
      await api.stop();
      // For post-mortems (a crash mid-suite shows up only as ECONNREFUSED in the specs).
      fs.mkdirSync(path.join(CLIENT_DIR, 'test-results'), { recursive: true });
      fs.writeFileSync(path.join(CLIENT_DIR, 'test-results/api.log'), api.output());
    });

    // Train the model the predict and runs specs use while the web app builds.
    const trained = gql<{ train: { id: string }[] }>(
      graphqlUrl,
      'mutation { train(input: { categories: ["Beauty"], epochs: 3 }) { id } }',
      {},
      apiKey,
    ).then(async (res) => {
      const id = res.data?.train[0]?.id;
      if (!id) throw new Error(`train failed: ${JSON.stringify(res.errors)}`);
      const status = await waitForRun(graphqlUrl, id, { apiKey });
      if (status !== 'SUCCEEDED') throw new Error(`setup training ended ${status}`);
      return id;
    });

    const built = process.env.E2E_SKIP_BUILD !== '1';
    if (built)
      await run(process.execPath, [NEXT_BIN, 'build'], {
        cwd: CLIENT_DIR,
        env: { ...env, API_KEY: apiKey },
      });
    const web = await startWeb(webPort, graphqlUrl);
    cleanups.push(web.stop);

    const browserless = await request.newContext({ baseURL: webUrl });
    const signedIn = await browserless.post('/api/auth/sign-in', {
      form: { ...USERS.trainer, next: '/' },
      maxRedirects: 0,
    });
    if (signedIn.status() !== 303 || signedIn.headers().location !== '/')
      throw new Error(`trainer sign-in failed: ${signedIn.status()} ${signedIn.headers().location}`);
    await browserless.storageState({ path: TRAINER_STATE });
    await browserless.dispose();

    Object.assign(process.env, {
      E2E_WEB_URL: webUrl,
      E2E_API_URL: graphqlUrl,
      E2E_API_KEY: apiKey,
      E2E_DATABASE_URL: database?.url ?? '',
      E2E_BUILT_WITH_KEY: built ? '1' : '',
      E2E_TRAINED_RUN_ID: await trained,
      E2E_SALES_CSV: path.join(dir, 'sales.csv'),
    });
    console.log(`e2e: API ${graphqlUrl} (${database ? 'postgres' : 'embedded'}), web ${webUrl}`);
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
