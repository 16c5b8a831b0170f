/**
 * The Import page (`/import`) against the real API of global-setup.ts: a CSV uploaded through the web app's
 * streamed /api/import route adds a category the explorer's picker then finds (and whose chart grows live
 * when sales are recorded); a file with a bad row is
 * rejected whole with its line number (nothing imported), or imported without it when asked; a viewer
 * gets no form, and the reason.
 */
import type { Page } from '@playwright/test';
import { gql } from './support/api';
import { env, expect, screenshot, test } from './support/fixtures';
import { signIn, USERS } from './support/users';

const HEADER =
  'Transaction ID,Date,Customer ID,Gender,Age,Product Category,Quantity,Price per Unit,Total Amount';

/** A CSV of `days` daily sales of `category` from 2024-06-01; `badLine` (1-based file line) gets a bad date. */
function salesCsv(category: string, days: number, badLine?: number): Buffer {
  const rows = Array.from({ length: days }, (_, i) => {
    const date = new Date(Date.UTC(2024, 5, 1 + i)).toISOString().slice(0, 10);
    return `${category}-${i},${i + 2 === badLine ? '2024-13-45' : date},C1,Female,30,${category},1,10,${10 + i}`;
  });
  return Buffer.from([HEADER, ...rows].join('\n') + '\n');
}

async function upload(page: Page, name: string, body: Buffer) {
  await page
    .getByLabel('Sales CSV', { exact: true })
    .setInputFiles({ name, mimeType: 'text/csv', buffer: body });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

test.describe('import', () => {
  test('should import a CSV and offer its new category in the explorer', async ({ page, url }) => {
    await page.goto(url('/import'));
    await expect(page.getByRole('link', { name: 'Import' })).toHaveAttribute('aria-current', 'page');
    await upload(page, 'garden.csv', salesCsv('Garden', 30));
    const summary = page.getByTestId('import-summary');
    await expect(summary.getByRole('status')).toHaveText('Imported 30 rows into 1 category.');
    await expect(summary.getByText('Categories added')).toBeVisible();
    await expect(summary.locator('dd').nth(1)).toHaveText('30'); // rows accepted
    await expect(page.getByTestId('import-row').first()).toContainText('garden.csv');
    await expect(page.getByTestId('import-row').first()).toContainText('succeeded');
    await screenshot(page, 'import', { phone: true });

    await page.getByRole('link', { name: 'Explorer' }).click();
    const picker = page.getByRole('combobox', { name: 'Category' });
    await picker.fill('gard');
    await page.getByRole('option', { name: /Garden/ }).click();
    await expect(picker).toHaveValue('Garden');
    await expect(page.getByText(/30 days · total/)).toBeVisible();

    // Live: sales recorded elsewhere extend the chart without a reload (salesUpdated).
    const recorded = await gql(
      env.api,
      'mutation { recordSales(input: [{ date: "2024-07-02", category: "Garden", amount: 5 }]) { accepted } }',
      {},
      env.apiKey,
    );
    expect(recorded.errors).toBeUndefined();
    await expect(page.getByText(/32 days · total/)).toBeVisible();
  });

  test('should reject a file with a bad row by its line number, then import the rest when asked', async ({
    page,
    url,
  }) => {
    await page.goto(url('/import'));
    await upload(page, 'pond.csv', salesCsv('Pond', 10, 4));
    const summary = page.getByTestId('import-summary');
    await expect(summary.getByRole('status')).toContainText('Nothing imported: 1 bad line');
    const bad = summary.getByTestId('bad-lines').locator('tbody tr');
    await expect(bad).toHaveCount(1);
    await expect(bad.first().locator('td').first()).toHaveText('4');
    await expect(bad.first()).toContainText('INVALID_DATE');
    await screenshot(page, 'import-rejected');
    await expect(page.getByTestId('import-row').first()).toContainText('rejected');
    await page.goto(url('/'));
    await page.getByRole('combobox', { name: 'Category' }).fill('Pond');
    await expect(page.getByText('No category matches “Pond”.')).toBeVisible();

    await page.goto(url('/import'));
    await page.getByLabel('Import the good rows and report the rest').check();
    await upload(page, 'pond.csv', salesCsv('Pond', 10, 4));
    await expect(summary.getByRole('status')).toHaveText('Imported 9 rows; 1 bad line skipped.');
    await expect(summary.getByTestId('bad-lines').locator('tbody tr')).toHaveCount(1);
  });
});

test.describe('import as a viewer', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('should tell a viewer why there is no import form', async ({ page, url }) => {
    await page.goto(url('/import'));
    await signIn(page, USERS.viewer);
    await expect(page).toHaveURL(url('/import'));
    await expect(page.getByText(/importing sales needs the trainer or admin role/)).toBeVisible();
    await expect(page.getByLabel('Sales CSV', { exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Recent imports' })).toBeVisible();
  });
});
