/**
 * An API with no credentials at all (no API_KEY, no keys, no users): the web app works without sign-in,
 * as before access control existed — pages open, training starts from the form and its curve grows live
 * over a WebSocket that presents no ticket. Its own API (embedded database) and `next start` of the
 * suite's build, on free ports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { env, expect, test } from './support/fixtures';
import { pickCategory } from './support/picker';
import { freePort, type Started } from './support/processes';
import { baseEnv, startApi, startWeb } from './support/stack';

let dir: string;
let web: Started | undefined;
let api: Started | undefined;
let webUrl: string;

test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-e2e-open-'));
  const port = await freePort();
  webUrl = `http://127.0.0.1:${port}`;
  const configPath = path.join(dir, 'config.yaml');
  fs.writeFileSync(
    configPath,
    [
      'data:',
      `  csv_path: ${JSON.stringify(env.salesCsv)}`,
      '  categories: [Beauty, Clothing]',
      'model:\n  conv_filters: 4\n  lstm_units: 4',
      'training:\n  max_epochs: 2',
      'mlflow:\n  enabled: false',
      `api:\n  allowed_origins: ['${webUrl}']`,
      '',
    ].join('\n'),
  );
  const started = await startApi({
    ...baseEnv(),
    CONFIG_PATH: configPath,
    DATA_DIR: path.join(dir, 'data'),
    DATABASE_URL: '',
  });
  api = started.api;
  web = await startWeb(port, started.graphqlUrl);
});

test.afterAll(async () => {
  await web?.stop();
  await api?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('should work without sign-in and stream a run over a WebSocket without a ticket', async ({ page }) => {
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (f) => frames.push(String(f.payload))));
  await page.goto(`${webUrl}/train`);
  await expect(page).toHaveURL(`${webUrl}/train`);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await pickCategory(page, 'Beauty', 'Add a category');
  await page.getByRole('button', { name: 'Start training' }).click();
  const card = page.getByTestId('run-card');
  await expect(card.getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED', {
    timeout: 90_000,
  });
  await expect(card.locator('[data-testid="loss-curve"] svg circle')).toHaveCount(4);
  const init = frames
    .map((f) => JSON.parse(f) as { type: string; payload?: object })
    .find((m) => m.type === 'connection_init');
  expect(init).toBeDefined();
  expect(init!.payload ?? {}).toEqual({});
});
