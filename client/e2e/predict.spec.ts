import { gql } from './support/api';
import { env, expect, screenshot, test } from './support/fixtures';
import { pickCategory } from './support/picker';

test.describe('predict', () => {
  test('should draw and list a forecast after the recent history', async ({ page, url }) => {
    await page.goto(url('/predict?category=Beauty'));
    const editor = page.getByTestId('window-editor');
    await expect(editor.getByRole('textbox')).toHaveCount(14);
    await page.getByLabel('Horizon (days ahead)').fill('7');
    await page.getByRole('button', { name: 'Forecast' }).click();
    const values = page.getByTestId('forecast-value');
    await expect(values).toHaveCount(7);
    const first = (await values.first().textContent())!.replace(/,/g, '');
    expect(Number.isFinite(Number(first))).toBe(true);
    await expect(page.getByTestId('forecast-interval').locator('path').first()).toBeVisible();
    await screenshot(page, 'predict');
  });

  test('should show the error on the cell and not call the API when a value is not a number', async ({
    page,
    url,
  }) => {
    await page.goto(url('/predict?category=Beauty'));
    const cell = page.getByTestId('window-editor').getByRole('textbox').nth(3);
    await cell.fill('abc');
    await page.getByRole('button', { name: 'Forecast' }).click();
    await expect(cell).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('“abc” is not a number.')).toBeVisible();
    await expect(page.getByTestId('forecast-value')).toHaveCount(0);
  });

  test('should send a category without a model to training', async ({ page, url }) => {
    await page.goto(url('/predict?category=Clothing'));
    // The train spec may have trained Clothing already; only a category without a model shows this.
    const noModel = page.getByText('No model for Clothing yet');
    const editor = page.getByTestId('window-editor');
    await expect(noModel.or(editor)).toBeVisible();
    if (await noModel.isVisible()) {
      await screenshot(page, 'predict-no-model');
      await page.getByRole('link', { name: 'Train Clothing' }).click();
      await expect(page).toHaveURL(/\/train\?category=Clothing/);
      await expect(page.getByRole('list', { name: 'Categories to train' })).toHaveText('Clothing×');
    }
  });

  test('should start on the first category by name and forecast another one picked in the catalogue', async ({
    page,
    url,
  }) => {
    const first = await gql<{ categoriesConnection: { edges: { node: { name: string } }[] } }>(
      env.api,
      '{ categoriesConnection(first: 1) { edges { node { name } } } }',
      {},
      env.apiKey,
    );
    const picker = page.getByRole('combobox', { name: 'Category' });
    // An unknown ?category= falls back to the first category, as the full list did.
    await page.goto(url('/predict?category=No%20such%20category'));
    await expect(picker).toHaveValue(first.data!.categoriesConnection.edges[0]!.node.name);
    await pickCategory(page, 'Clothing');
    await expect(picker).toHaveValue('Clothing');
    // Clothing has a model once the train or models spec has run.
    await expect(
      page
        .getByText('No model for Clothing yet')
        .or(page.getByRole('heading', { name: 'Recent sales of Clothing' })),
    ).toBeVisible();
    await pickCategory(page, 'Beauty');
    await expect(picker).toHaveValue('Beauty');
    await expect(page.getByText(/^Model [0-9a-f]{8} · window 14 days$/)).toBeVisible();
    await expect(page.getByTestId('window-editor').getByRole('textbox')).toHaveCount(14);
    await expect(page.getByRole('heading', { name: 'Recent sales of Beauty' })).toBeVisible();
  });
});
