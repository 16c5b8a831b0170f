import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { gql, waitForRun } from './support/api';
import { env, expect, screenshot, test } from './support/fixtures';
import { pickCategory } from './support/picker';
import { readMarks, readStoredTimes, summarizeLatency, type EpochLatency } from './support/latency';

/** Epochs of the measured run: 3 in the e2e suite, more for `npm run bench:web`. */
const EPOCHS = Number(process.env.E2E_BENCH_EPOCHS || 3);

interface Sample {
  t: number;
  points: number;
  status: string | null;
}

/** Records (points drawn, status) of a run's card on every DOM change, in the page itself. */
async function startSampling(page: Page, runId: string) {
  await page.evaluate((id) => {
    const w = window as unknown as { __samples: Sample[] };
    w.__samples = [];
    const sample = () => {
      const card = document.querySelector(`[data-testid="run-card"][data-run-id="${id}"]`);
      if (!card) return;
      const points = card.querySelectorAll('[data-testid="loss-curve"] svg circle').length;
      const status = card.querySelector('[data-testid="run-status"]')?.getAttribute('data-status') ?? null;
      const last = w.__samples.at(-1);
      if (!last || last.points !== points || last.status !== status)
        w.__samples.push({ t: Date.now(), points, status });
    };
    new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, attributes: true });
    sample();
  }, runId);
}

const samples = (page: Page) => page.evaluate(() => (window as unknown as { __samples: Sample[] }).__samples);
const runIdsFromUrl = (page: Page) => new URL(page.url()).searchParams.get('runs')?.split(',') ?? [];

test.describe('train', () => {
  test('should draw loss points while the run is still RUNNING, then end SUCCEEDED', async ({
    page,
    url,
  }) => {
    test.setTimeout(Math.max(180_000, EPOCHS * 10_000));
    await page.goto(url('/train'));
    await pickCategory(page, 'Clothing', 'Add a category');
    await expect(page.getByRole('list', { name: 'Categories to train' })).toHaveText('Clothing×');
    await page.getByLabel(/^Epochs/).fill(String(EPOCHS));
    // Small batches make each epoch take a while, so the points arrive one by one.
    await page.getByLabel(/^Batch size/).fill('4');
    await page.getByRole('button', { name: 'Start training' }).click();
    await expect(page).toHaveURL(/runs=/);
    const [runId] = runIdsFromUrl(page);
    expect(runId).toBeTruthy();
    await startSampling(page, runId!);
    const card = page.locator(`[data-testid="run-card"][data-run-id="${runId}"]`);
    await expect(card.getByTestId('run-status')).toHaveAttribute('data-status', 'RUNNING', {
      timeout: 60_000,
    });
    await expect(card.getByTestId('run-progress-text')).toContainText(/Epoch [1-9]/, { timeout: 60_000 });
    await screenshot(page, 'train-live');
    await expect(card.getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED', {
      timeout: EPOCHS * 20_000,
    });
    await expect(card.locator('[data-testid="loss-curve"] svg circle')).toHaveCount(2 * EPOCHS);

    // The number of drawn points grew while the run was RUNNING (two series: 2 circles per epoch).
    const running = (await samples(page)).filter((s) => s.status === 'RUNNING' && s.points > 0);
    expect(running.length).toBeGreaterThanOrEqual(2);
    expect(running.at(-1)!.points).toBeGreaterThan(running[0]!.points);
    await expect(card.getByText(/Beats both baselines|Loses to/)).toBeVisible();
    await screenshot(page, 'train-done');

    // Latency: epoch stored by the API → point drawn in this page.
    const marks = await readMarks(page, runId!);
    const stored = env.databaseUrl
      ? await readStoredTimes(env.databaseUrl, runId!)
      : new Map<number, number>();
    const rows: EpochLatency[] = Array.from({ length: EPOCHS }, (_, i) => ({
      epoch: i + 1,
      storedAt: stored.get(i + 1) ?? null,
      arrivedAt: marks.get(i + 1)?.arrivedAt ?? null,
      drawnAt: marks.get(i + 1)?.drawnAt ?? null,
    }));
    const summary = summarizeLatency(rows);
    const out = path.resolve(import.meta.dirname, '../test-results/latency.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ epochs: EPOCHS, summary, rows }, null, 2));
    const fmt = (s: { n: number; p50: number; p99: number; max: number } | null) =>
      s
        ? `p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (n=${s.n})`
        : 'n/a (no Postgres)';
    console.log(`latency epoch stored → point drawn: ${fmt(summary.storedToDrawnMs)}`);
    console.log(`latency event arrived → point drawn: ${fmt(summary.arrivedToDrawnMs)}`);
    expect(summary.arrivedToDrawnMs?.n).toBe(EPOCHS);
  });

  test('should redraw the whole curve when the page is reloaded mid-run', async ({ page, url }) => {
    const res = await gql<{ train: { id: string }[] }>(
      env.api,
      'mutation { train(input: { categories: ["Clothing"], epochs: 6, batchSize: 2 }) { id } }',
      {},
      env.apiKey,
    );
    const runId = res.data!.train[0]!.id;
    // Runs still training are listed on /train even without ?runs=.
    await page.goto(url('/train'));
    const card = page.locator(`[data-testid="run-card"][data-run-id="${runId}"]`);
    const circles = card.locator('[data-testid="loss-curve"] svg circle');
    await expect(circles).not.toHaveCount(0, { timeout: 60_000 });
    const before = await circles.count();
    await page.reload();
    await expect(card.getByTestId('loss-curve')).toBeVisible();
    // Right after the reload, the replay has drawn at least every point seen before it.
    await expect.poll(() => circles.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(before);
    await expect(circles).toHaveCount(12, { timeout: 120_000 });
    expect(await waitForRun(env.api, runId, { apiKey: env.apiKey })).toBe('SUCCEEDED');
  });

  test('should show field errors and keep the form when input is out of range', async ({ page, url }) => {
    await page.goto(url('/train'));
    await page.getByLabel(/^Epochs/).fill('0');
    await page.getByRole('button', { name: 'Start training' }).click();
    await expect(page.getByText('Pick at least one category.')).toBeVisible();
    await expect(page.getByLabel(/^Epochs/)).toHaveAttribute('aria-invalid', 'true');
  });

  test('should add and remove picked categories as chips, keeping each once', async ({ page, url }) => {
    await page.goto(url('/train'));
    const chips = page.getByRole('list', { name: 'Categories to train' }).getByRole('listitem');
    await pickCategory(page, 'Clothing', 'Add a category');
    await pickCategory(page, 'Beauty', 'Add a category');
    await pickCategory(page, 'Clothing', 'Add a category');
    await expect(chips).toHaveText(['Clothing×', 'Beauty×']);
    await page.getByRole('button', { name: 'Remove Clothing' }).click();
    await expect(chips).toHaveText(['Beauty×']);
    await screenshot(page, 'train-picked');
  });

  test('should train every category with the window asked for when All categories is checked', async ({
    page,
    url,
  }) => {
    const catalogue = await gql<{ categoriesConnection: { totalCount: number } }>(
      env.api,
      '{ categoriesConnection(first: 1) { totalCount } }',
      {},
      env.apiKey,
    );
    const count = catalogue.data!.categoriesConnection.totalCount;
    await page.goto(url('/train'));
    await page.getByLabel(`All categories (${count})`).check();
    // One run per category (trainAll), however many: no list to pick from.
    await expect(page.getByRole('combobox', { name: 'Add a category' })).toHaveCount(0);
    await page.getByLabel('Model').selectOption('CNN_LSTM');
    // Long enough that no run ends (and changes a category's model) before it is cancelled below.
    await page.getByLabel(/^Epochs/).fill('500');
    await page.getByLabel(/^Batch size/).fill('1');
    await page.getByLabel(/^Window/).fill('14');
    await page.getByRole('button', { name: 'Start training' }).click();
    await expect(page).toHaveURL(/runs=/);
    const ids = runIdsFromUrl(page);
    expect(ids).toHaveLength(Math.min(count, 20)); // a card each for the first 20
    try {
      for (const id of ids)
        await expect(page.locator(`[data-testid="run-card"][data-run-id="${id}"]`)).toBeVisible();
      const run = await gql<{ run: { hyperparameters: { windowSize: number; epochs: number } } }>(
        env.api,
        'query ($id: ID!) { run(id: $id) { hyperparameters } }',
        { id: ids[0] },
        env.apiKey,
      );
      expect(run.data!.run.hyperparameters).toMatchObject({ windowSize: 14, epochs: 500 });
    } finally {
      for (const id of ids)
        await gql(env.api, 'mutation ($id: ID!) { cancelRun(id: $id) { id } }', { id }, env.apiKey);
      // CANCELLED, or FAILED at once for a category the import spec added with too few days for a window.
      for (const id of ids)
        expect(['CANCELLED', 'FAILED']).toContain(await waitForRun(env.api, id, { apiKey: env.apiKey }));
    }
  });
});
