/** The e2e users (made with `npm run users` by global-setup.ts) and where the trainer's signed-in state is kept. */
import type { Page } from '@playwright/test';
import path from 'node:path';

export const USERS = {
  viewer: { email: 'viewer@example.com', password: 'viewer-password-1' },
  trainer: { email: 'trainer@example.com', password: 'trainer-password-1' },
} as const;

/** playwright.config.ts `use.storageState`: every spec runs signed in as the trainer unless it opts out. */
export const TRAINER_STATE = path.resolve(import.meta.dirname, '../../test-results/.auth/trainer.json');

/** Fills the sign-in form the web app redirected to and sends it. */
export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
