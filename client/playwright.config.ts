/**
 * End-to-end tests in headless Debian Chromium (`apt-get install -y chromium`; never `playwright install`).
 * e2e/global-setup.ts starts a real API (temp DATA_DIR, tiny config, API_KEY set, a viewer and a trainer)
 * and the built web app on free ports; the specs read their URLs from process.env and run signed in as the
 * trainer (storage state written by the setup) unless they open a context of their own. `npm run test:e2e` at the repository root.
 */
import { defineConfig } from '@playwright/test';
import { TRAINER_STATE } from './e2e/support/users';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  // One API, one web server, shared state (trained model): run the specs one after the other.
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS },
    storageState: TRAINER_STATE,
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
