/**
 * Component and unit tests (Vitest + happy-dom + Testing Library): `npm test -w client`. Playwright's
 * end-to-end specs live in e2e/ and run with `npm run test:e2e`.
 */
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  // tsconfig says jsx "preserve" (Next compiles JSX); tests need it compiled.
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['src/test/setup.ts'],
  },
});
