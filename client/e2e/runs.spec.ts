import { env, expect, screenshot, test } from './support/fixtures';
import { pickCategory } from './support/picker';

test.describe('runs', () => {
  test('should list the finished run with its metrics against the baselines', async ({ page, url }) => {
    await page.goto(url('/runs'));
    const row = page.locator(`[data-testid="run-row"][data-run-id="${env.trainedRunId}"]`);
    await expect(row).toBeVisible();
    await expect(row.getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED');
    await expect(row).toContainText('Beauty');
    await expect(row.locator('td.num').first()).toHaveText(/^[\d,]+\.\d\d$/); // MAE
    await expect(row).toContainText(/Beats both baselines|Loses to/);

    await page.getByRole('combobox', { name: 'Status' }).selectOption('FAILED');
    await expect(page).toHaveURL(/status=FAILED/);
    await expect(page.getByText('No run matches these filters.')).toBeVisible();
    await page.getByRole('combobox', { name: 'Status' }).selectOption('SUCCEEDED');
    await pickCategory(page, 'Beauty');
    await expect(page).toHaveURL(/category=Beauty/);
    await expect(row).toBeVisible();
    await expect(page.getByTestId('run-row').filter({ hasNotText: 'Beauty' })).toHaveCount(0);
    // Back to every category: the picker's first entry while nothing is typed.
    const picker = page.getByRole('combobox', { name: 'Category' });
    await picker.click();
    await page.getByRole('option', { name: 'All categories' }).click();
    await expect(picker).toHaveValue('All categories');
    await expect(page).not.toHaveURL(/category=/);
    await expect(row).toBeVisible();
    await screenshot(page, 'runs', { phone: true });
  });

  test("should show a run's curve, metrics, evaluation plot, model version and playground link", async ({
    page,
    url,
  }) => {
    await page.goto(url(`/runs/${env.trainedRunId}`));
    await expect(page.getByTestId('loss-curve').locator('svg circle')).toHaveCount(6);
    await expect(page.getByTestId('metrics-table')).toContainText('Seasonal naive');
    const plot = page.getByRole('img', { name: /actual vs predicted/ });
    await expect(plot).toBeVisible();
    await expect.poll(() => plot.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
    await expect(page.getByText('yes (serves predict)')).toBeVisible();
    await expect(page.getByRole('link', { name: 'GraphQL playground' })).toHaveAttribute(
      'href',
      `${new URL(env.api).origin}/graphql`,
    );
    await screenshot(page, 'run-detail');
  });

  test('should say so when a run does not exist', async ({ page, url }) => {
    await page.goto(url('/runs/00000000-0000-0000-0000-000000000000'));
    await expect(page.getByText(/No run with id/)).toBeVisible();
  });
});
