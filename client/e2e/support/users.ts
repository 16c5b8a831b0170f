/** The e2e users (made with `npm run users` by global-setup.ts) and where the trainer's signed-in state is kept. */
import path from 'node:path';

export const USERS = {
  viewer: { email: 'viewer@example.com', password: 'viewer-password-1' },
  trainer: { email: 'trainer@example.com', password: 'trainer-password-1' },
} as const;

/** playwright.config.ts `use.storageState`: every spec runs signed in as the trainer unless it opts out. */
export const TRAINER_STATE = path.resolve(import.meta.dirname, '../../test-results/.auth/trainer.json');
