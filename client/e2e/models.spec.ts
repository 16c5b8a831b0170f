/**
 * Model families in the web app against the real API of global-setup.ts (AUTO fits CNN-LSTM, seasonal naive
 * and ETS on a two-fold backtest): an Auto run started on the Train page shows its candidates as they
 * stream, then the category's Models view ranks them with the champion active, draws the last fold, and
 * Activate switches the active version; a viewer gets the leaderboard without the buttons.
 */
import { gql } from './support/api';
import { env, expect, screenshot, test } from './support/fixtures';
import { pickCategory } from './support/picker';
import { signIn, USERS } from './support/users';

type Versions = { modelVersions: { id: string; active: boolean; champion: boolean; family: string }[] };
const versionsOf = async (category: string) =>
  (
    await gql<Versions>(
      env.api,
      'query ($c: String!) { modelVersions(category: $c) { id active champion family } }',
      { c: category },
      env.apiKey,
    )
  ).data!.modelVersions;

test.describe('models', () => {
  test('should stream an Auto run’s candidates, rank them, and activate another version', async ({
    page,
    url,
  }) => {
    await page.goto(url('/train'));
    await pickCategory(page, 'Clothing', 'Add a category');
    await expect(page.getByLabel('Model')).toHaveValue('AUTO');
    await page.getByLabel('Epochs (1–1000)').fill('2');
    await page.getByRole('button', { name: 'Start training' }).click();
    const card = page.getByTestId('run-card').filter({ hasText: 'Clothing' }).first();
    await expect(card.getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED', {
      timeout: 150_000,
    });
    // Each family's backtest arrived as a CANDIDATE_FINISHED event while the run trained.
    const candidates = card.getByTestId('candidate');
    await expect(candidates).toHaveCount(3);
    for (const family of ['CNN_LSTM', 'SEASONAL_NAIVE', 'ETS'])
      await expect(card.locator(`[data-family="${family}"]`)).toContainText('MASE');
    await screenshot(page, 'train-auto');

    await card.getByRole('link', { name: 'Models of Clothing' }).click();
    await expect(page).toHaveURL(/\/models\?category=Clothing/);
    const rows = page.getByTestId('version-row');
    await expect(rows).toHaveCount(3);
    const champion = rows.filter({ hasText: 'Champion' });
    await expect(champion).toHaveCount(1);
    await expect(champion).toContainText('Active');
    await expect(rows.first()).toContainText('Champion'); // ranked by MASE, the champion leads
    await expect(page.getByTestId('fold-chart').locator('svg path[d^="M"]').first()).toBeVisible();
    await screenshot(page, 'models', { phone: true });

    const other = rows.filter({ hasNotText: 'Active' }).first();
    const otherId = await other.getAttribute('data-version-id');
    await other.getByRole('button', { name: /^Activate/ }).click();
    await expect(page.locator(`[data-version-id="${otherId}"]`)).toContainText('Active');
    await expect(page.getByTestId('version-row').filter({ hasText: 'Active' })).toHaveCount(1);
    const stored = await versionsOf('Clothing');
    expect(stored.find((v) => v.active)?.id).toBe(otherId);
    // Roll back to the champion.
    await page.getByTestId('version-row').filter({ hasText: 'Champion' }).getByRole('button').click();
    await expect(page.getByTestId('version-row').filter({ hasText: 'Champion' })).toContainText('Active');
  });
});

test.describe('models as a viewer', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('should show a viewer the leaderboard without activate buttons', async ({ page, url }) => {
    await page.goto(url('/models?category=Beauty'));
    await signIn(page, USERS.viewer);
    await expect(page.getByTestId('version-row').first()).toBeVisible();
    await expect(page.getByTestId('leaderboard').getByRole('button')).toHaveCount(0);
    await expect(page.getByRole('columnheader', { name: 'Action' })).toHaveCount(0);
  });
});
