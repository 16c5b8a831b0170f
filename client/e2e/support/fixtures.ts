/**
 * The specs' view of global-setup.ts: URLs, key, and a screenshot helper. Screenshots go to
 * test-results/screenshots/ (ignored), so a test run leaves the tree clean; E2E_UPDATE_SCREENSHOTS=1 writes
 * them over the committed ones in e2e/screenshots/ (the pictures the READMEs show).
 */
import { test as base, type Page } from '@playwright/test';
import path from 'node:path';

export const SCREENSHOTS = process.env.E2E_UPDATE_SCREENSHOTS
  ? path.resolve(import.meta.dirname, '../screenshots')
  : path.resolve(import.meta.dirname, '../../test-results/screenshots');

export const env = {
  get web() {
    return process.env.E2E_WEB_URL!;
  },
  get api() {
    return process.env.E2E_API_URL!;
  },
  get apiKey() {
    return process.env.E2E_API_KEY!;
  },
  get databaseUrl() {
    return process.env.E2E_DATABASE_URL || null;
  },
  /** The sample sales CSV the setup generated (for specs that start an API of their own). */
  get salesCsv() {
    return process.env.E2E_SALES_CSV!;
  },
  get trainedRunId() {
    return process.env.E2E_TRAINED_RUN_ID!;
  },
};

export const test = base.extend<{ url: (pathname: string) => string }>({
  // eslint-disable-next-line no-empty-pattern
  url: async ({}, use) => use((pathname) => new URL(pathname, env.web).toString()),
});
export { expect } from '@playwright/test';

/** Full-page PNG at the current viewport, then (optionally) at phone width. */
export async function screenshot(page: Page, name: string, options: { phone?: boolean } = {}) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  if (options.phone) {
    const size = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300); // let the responsive charts re-measure
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-390.png`), fullPage: true });
    if (size) await page.setViewportSize(size);
  }
}
