import { env, expect, screenshot, test } from './support/fixtures';

test.describe('explorer', () => {
  test('should draw daily sales and the rolling average when a category is picked', async ({ page, url }) => {
    await page.goto(url('/'));
    const chart = page.getByTestId('sales-chart');
    // nivo draws each series as an svg <path> with a real "d"
    await expect(chart.locator('svg path[d^="M"]').first()).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Category' })).toHaveValue('Beauty');
    await expect(page.getByText(/240 days · total/)).toBeVisible();

    // The picker searches the catalogue: type, then pick with the keyboard.
    const picker = page.getByRole('combobox', { name: 'Category' });
    await picker.fill('clo');
    await expect(page.getByRole('option', { name: /Clothing/ })).toBeVisible();
    await expect(page.getByRole('listbox', { name: 'Category options' }).getByRole('option')).toHaveCount(1);
    await picker.press('ArrowDown');
    await picker.press('Enter');
    await expect(picker).toHaveValue('Clothing');
    await page.getByRole('combobox', { name: 'Rolling average' }).selectOption('28');
    await page.getByLabel('From', { exact: true }).fill('2024-03-01');
    await page.getByLabel('To', { exact: true }).fill('2024-04-30');
    await expect(page.getByText(/61 days · total/)).toBeVisible();
    await expect(chart.getByText('28-day average')).toBeVisible();
    await expect(chart.locator('svg path[d^="M"]').first()).toBeVisible();
    await screenshot(page, 'explorer', { phone: true });
  });

  test('should flag a reversed date range on the end date field', async ({ page, url }) => {
    await page.goto(url('/'));
    await page.getByLabel('From', { exact: true }).fill('2024-05-01');
    await page.getByLabel('To', { exact: true }).fill('2024-04-01');
    await expect(page.getByLabel('To', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('The end date must not be before the start date.')).toBeVisible();
  });

  test('should show the API-down state with a retry that recovers', async ({ page, url }) => {
    // The web app's proxy answers 502 API_UNREACHABLE when the API is down: simulate exactly that answer.
    await page.route('**/api/graphql', (route) =>
      route.fulfill({
        status: 502,
        contentType: 'application/graphql-response+json',
        body: JSON.stringify({
          errors: [
            {
              message: `The API at ${new URL(env.api).origin} is unreachable.`,
              extensions: { code: 'API_UNREACHABLE' },
            },
          ],
        }),
      }),
    );
    await page.goto(url('/'));
    await expect(page.getByRole('alert').filter({ hasText: 'The API is not reachable' })).toBeVisible();
    await screenshot(page, 'api-down');
    await page.unroute('**/api/graphql');
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('sales-chart').locator('svg path[d^="M"]').first()).toBeVisible();
  });
});
