/** Drives the web app's CategoryPicker (a searchable combobox) the way a user does: type, then click. */
import type { Page } from '@playwright/test';

/** Picks `name` in the picker labelled `label`: types it, then clicks its option ("Beauty · 240 days"). */
export async function pickCategory(page: Page, name: string, label = 'Category') {
  await page.getByRole('combobox', { name: label }).fill(name);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page
    .getByRole('listbox', { name: `${label} options` })
    .getByRole('option', { name: new RegExp(`^${escaped} ·`) })
    .click();
}
