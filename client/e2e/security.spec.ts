/**
 * Who may do what in the web app, against the protected API of global-setup.ts (API_KEY set, a viewer and
 * a trainer made with `npm run users`):
 * - an anonymous visitor is sent to sign-in, and the GraphQL proxy gives it nothing;
 * - a viewer watches runs live (graphql-ws with a one-use ticket) but cannot train: not in the UI, not by
 *   a hand-made request through the proxy; the trainer can;
 * - sign-out ends the session at the API; the session cookie is httpOnly;
 * - no API key (and no session token) ever reaches the browser: not in the bundle built with API_KEY set,
 *   not in any page, script or WebSocket frame;
 * - the proxy refuses a body larger than the API's limit with 413, without buffering it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { gql, waitForRun } from './support/api';
import { env, expect, test } from './support/fixtures';
import { USERS } from './support/users';

const STATIC = path.resolve(import.meta.dirname, '../.next/static');
const TRAIN = 'mutation { train(input: { categories: ["Clothing"], epochs: 1 }) { id } }';
const CANCEL_NONE = 'mutation { cancelRun(id: "00000000-0000-0000-0000-000000000000") { id } }';
const ANONYMOUS = { cookies: [], origins: [] };

type Errors = { errors?: { message: string; extensions?: { code?: string } }[] };
const viaProxy = async (request: APIRequestContext, query: string, headers: Record<string, string> = {}) =>
  (await (await request.post(`${env.web}/api/graphql`, { data: { query }, headers })).json()) as Errors;
const runCount = async () =>
  (await gql<{ runs: { totalCount: number } }>(env.api, '{ runs { totalCount } }', {}, env.apiKey)).data!.runs
    .totalCount;

async function signIn(page: Page, user: { email: string; password: string }) {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('signed out', () => {
  test.use({ storageState: ANONYMOUS });

  test('should send a visitor to sign-in and give the proxy nothing without a session', async ({
    page,
    url,
  }) => {
    await page.goto(url('/train'));
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ftrain$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    const before = await runCount();
    for (const query of [TRAIN, '{ categories { name } }'])
      expect((await viaProxy(page.request, query)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await runCount()).toBe(before);
  });

  test('should say why a sign-in failed', async ({ page, url }) => {
    await page.goto(url('/sign-in'));
    await signIn(page, { email: USERS.viewer.email, password: 'not-the-password' });
    await expect(page.getByRole('alert').filter({ hasText: /\w/ })).toHaveText('Wrong email or password.');
  });

  test('should let a viewer watch a run live but not train, in the UI or through the proxy', async ({
    page,
    url,
  }) => {
    const frames: string[] = [];
    page.on('websocket', (socket) => socket.on('framesent', (f) => frames.push(String(f.payload))));
    const started = await gql<{ train: { id: string }[] }>(
      env.api,
      'mutation { train(input: { categories: ["Clothing"], epochs: 8, batchSize: 2 }) { id } }',
      {},
      env.apiKey,
    );
    const runId = started.data!.train[0]!.id;
    try {
      await page.goto(url(`/runs/${runId}`));
      await expect(page).toHaveURL(/\/sign-in\?next=/);
      await signIn(page, USERS.viewer);
      await expect(page).toHaveURL(url(`/runs/${runId}`));
      await expect(page.getByText(`${USERS.viewer.email} (viewer)`)).toBeVisible();
      // Live epochs arrive over graphql-ws, authenticated by a ticket, never by a key.
      await expect(page.getByTestId('loss-curve').locator('svg circle')).not.toHaveCount(0, {
        timeout: 60_000,
      });
      const init = frames
        .map((f) => JSON.parse(f) as { type: string; payload?: object })
        .find((m) => m.type === 'connection_init');
      expect(init?.payload).toEqual({ ticket: expect.stringMatching(/^sft_/) });

      await page.goto(url('/train'));
      await expect(
        page.getByRole('status').filter({ hasText: 'needs the trainer or admin role' }),
      ).toBeVisible();
      await expect(page.getByRole('button', { name: 'Start training' })).toBeDisabled();
      await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);

      const before = await runCount();
      const refused = await viaProxy(page.request, TRAIN);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.errors?.[0]?.message).toMatch(/needs the "train" scope/);
      const cancel = await viaProxy(page.request, `mutation { cancelRun(id: "${runId}") { id } }`);
      expect(cancel.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await runCount()).toBe(before);
    } finally {
      expect(await waitForRun(env.api, runId, { apiKey: env.apiKey })).toBe('SUCCEEDED');
    }
  });

  test('should sign out and end the session at the API, the cookie being out of scripts reach', async ({
    page,
    context,
    url,
  }) => {
    await page.goto(url('/sign-in?next=/predict'));
    await signIn(page, USERS.viewer);
    await expect(page).toHaveURL(url('/predict'));
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'sf_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('sf_session');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    expect((await context.cookies()).filter((c) => c.name === 'sf_session')).toEqual([]);
    // The old cookie, replayed by hand, no longer opens anything.
    const replayed = await viaProxy(page.request, '{ categories { name } }', {
      cookie: `sf_session=${cookie!.value}`,
    });
    expect(replayed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

test.describe('signed in as a trainer', () => {
  test('should let the trainer train through the proxy', async ({ page, url }) => {
    await page.goto(url('/train'));
    await expect(page.getByText(`${USERS.trainer.email} (trainer)`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start training' })).toBeEnabled();
    // Past the scope check: the run is unknown (no training is started here; train-live.spec trains).
    expect((await viaProxy(page.request, CANCEL_NONE)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  test('should refuse a body over the API limit with 413 and keep serving', async ({ page }) => {
    const response = await page.request.post(`${env.web}/api/graphql`, {
      headers: { 'content-type': 'application/json' },
      data: Buffer.alloc(16 * 1024 * 1024, 32),
    });
    expect(response.status()).toBe(413);
    const body = (await response.json()) as Errors;
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await viaProxy(page.request, '{ categories { name } }')).errors).toBeUndefined();
  });
});

test.describe('API key', () => {
  test('should be required by the API', async () => {
    const res = await gql(env.api, TRAIN);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('should not be in the client bundle built with API_KEY set', async () => {
    test.skip(!process.env.E2E_BUILT_WITH_KEY, 'E2E_SKIP_BUILD=1: this run did not build with the key');
    const files = fs
      .readdirSync(STATIC, { recursive: true, encoding: 'utf8' })
      .map((f) => path.join(STATIC, f));
    const leaks = files.filter((f) => fs.statSync(f).isFile() && fs.readFileSync(f).includes(env.apiKey));
    expect(files.length).toBeGreaterThan(5);
    expect(leaks).toEqual([]);
  });

  test('should not be, nor any session token, in any page or script the browser loads', async ({
    page,
    url,
  }) => {
    const bodies: string[] = [];
    page.on('response', async (response) => {
      if (new URL(response.url()).origin === new URL(env.web).origin)
        bodies.push(await response.text().catch(() => ''));
    });
    for (const route of ['/', '/predict', '/train', '/runs', `/runs/${env.trainedRunId}`]) {
      await page.goto(url(route));
      await page.waitForLoadState('networkidle');
    }
    expect(bodies.length).toBeGreaterThan(10);
    expect(bodies.filter((b) => b.includes(env.apiKey) || /sfs_[\w-]{20}/.test(b))).toEqual([]);
  });
});
