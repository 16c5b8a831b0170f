/**
 * Prisma CLI configuration (read by `prisma generate`, run from the server workspace as
 * `npm run -w server prisma:generate`, and by `npm install`'s postinstall). Migrations are NOT run by the
 * Prisma CLI here (no native schema engine offline): see server/src/db/migrate.ts.
 */
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Not env('DATABASE_URL'): that throws when the variable is unset and would break `prisma generate`
  // on a fresh clone or in CI. Only commands that talk to a database need it.
  datasource: { url: process.env.DATABASE_URL },
});
