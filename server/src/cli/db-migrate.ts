/**
 * `npm run db:migrate -- deploy | dev <name> | status`: Prisma Migrate's deploy / dev / status on
 * DATABASE_URL, or on the embedded database under DATA_DIR when it is unset, through the wasm schema
 * engine (server/src/db/migrate.ts). Prints one line on error and exits non-zero (2: usage, 1: failure).
 */
import path from 'node:path';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded-postgres.js';
import { createMigration, migrateDatabase, migrationStatus, type MigrateOptions } from '../db/migrate.js';

const USAGE_LINE = 'usage: npm run db:migrate -- deploy | dev <name> | status; --help for more';
const HELP = `usage: npm run db:migrate -- deploy | dev <name> | status
  deploy      apply pending migrations from prisma/migrations (what the server does at start-up)
  dev <name>  create prisma/migrations/<timestamp>_<name> from the changes in prisma/schema.prisma, apply it
  status      list pending / failed / edited migrations (exit 1 unless all are applied)
Uses DATABASE_URL, else the embedded database in DATA_DIR/pglite (stop the server first: one process only).
Hand-written SQL (e.g. the partial unique indexes of the init migration) is kept: the engine ignores
indexes with a WHERE clause. Should a generated migration ever contain DROP INDEX for one of them, delete
those lines from its migration.sql before applying and committing it.
A failed migration blocks deploy: fix its SQL, then DELETE FROM "_prisma_migrations" WHERE
migration_name = '<name>' AND finished_at IS NULL, and deploy again.`;

class UsageError extends Error {}

/** DEBUG=1 also prints the schema engine's trace. */
const options: MigrateOptions = {
  onEngineLog: process.env.DEBUG ? (line) => process.stderr.write(`${line}\n`) : undefined,
};

async function run(command: string | undefined, name: string | undefined, url: string): Promise<number> {
  if (command === 'deploy') {
    const { applied } = await migrateDatabase(url, options);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    return 0;
  }
  if (command === 'dev') {
    const { created, applied } = await createMigration(url, name!, options);
    if (applied.length) console.log(`applied: ${applied.join(', ')}`);
    console.log(
      created ? `created prisma/migrations/${created}` : 'schema and migrations are in sync: nothing created',
    );
    return 0;
  }
  if (command === 'status') {
    const status = await migrationStatus(url, options);
    const problems = Object.entries(status).filter(([, names]) => names.length > 0);
    for (const [kind, names] of problems) console.log(`${kind}: ${names.join(', ')}`);
    if (!problems.length) console.log('database is up to date');
    return problems.length ? 1 : 0;
  }
  throw new UsageError(`unknown command "${command}"`);
}

function checkArguments([command, name, ...rest]: string[]): void {
  if (!command) throw new UsageError('say what to do');
  if (!['deploy', 'dev', 'status'].includes(command)) throw new UsageError(`unknown command "${command}"`);
  if (command === 'dev' && !/^\w+$/.test(name ?? ''))
    throw new UsageError('dev needs a name: letters, digits, _');
  const extra = command === 'dev' ? rest : [name, ...rest].filter((arg) => arg !== undefined);
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
}

async function main(argv: string[]): Promise<number> {
  const [command, name] = argv;
  if (command === '--help' || command === '-h') {
    console.log(HELP);
    return 0;
  }
  checkArguments(argv);
  const config = loadConfig();
  let embedded: EmbeddedPostgres | undefined;
  try {
    if (!config.databaseUrl) {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pglite') });
    }
    return await run(command, name, config.databaseUrl ?? embedded!.url);
  } finally {
    await embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof UsageError ? ` (${USAGE_LINE})` : '';
    process.stderr.write(`error: ${message.split('\n')[0]}${hint}\n`);
    if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exit(error instanceof UsageError || error instanceof ConfigError ? 2 : 1);
  },
);
