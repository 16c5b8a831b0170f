/**
 * `npm run keys -- create --name <name> --scope <s>[,<s>] | list [--all] [--json] | revoke <id|name>`:
 * API keys for third-party clients (PRODUCT.md "Who may do what"). `create` prints the key once on
 * stdout (only its hash is stored) and what it is on stderr, so `KEY=$(npm run -s keys -- create …)`
 * captures just the key. Exit 2 for bad input (flags, an unknown scope, a name in use, an unknown key).
 */
import { parseArgs } from 'node:util';
import { ApiKeyError, ApiKeysService, type ApiKeyInfo } from '../modules/auth/api-keys.service.js';
import { parseScopes, SCOPE_MEANING, SCOPES } from '../modules/auth/scopes.js';
import { withCliDatabase } from './open-cli-database.js';
import { runCli, UsageError } from './run-cli.js';

const USAGE = `usage: npm run keys -- create --name <name> --scope <scope>[,<scope>…]
       npm run keys -- list [--all] [--json]
       npm run keys -- revoke <id|name>
scopes: ${SCOPES.map((s) => `${s} (${SCOPE_MEANING[s]})`).join(', ')}
API_KEY, when set, stays valid as an admin key. Once any key exists, every caller needs credentials.`;

const day = (date: Date | null) => (date ? date.toISOString().replace('T', ' ').slice(0, 16) : '-');

function printList(keys: ApiKeyInfo[], json: boolean): void {
  if (json) return keys.forEach((k) => process.stdout.write(`${JSON.stringify(k)}\n`));
  if (!keys.length) return void process.stdout.write('no keys\n');
  const rows = [
    ['id', 'name', 'scopes', 'key', 'created', 'last used', 'revoked'],
    ...keys.map((k) => [
      k.id,
      k.name,
      k.scopes.join(','),
      `${k.prefix}…`,
      day(k.createdAt),
      day(k.lastUsedAt),
      day(k.revokedAt),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows)
    process.stdout.write(
      `${row
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
}

async function main(): Promise<void> {
  const { values: flags, positionals } = parseArgs({
    options: {
      name: { type: 'string' },
      scope: { type: 'string' },
      all: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const [command, target, ...rest] = positionals;
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (command === 'create') {
    if (!flags.name) throw new UsageError('create needs --name <name>');
    if (!flags.scope) throw new UsageError(`create needs --scope (${SCOPES.join(', ')})`);
    let scopes;
    try {
      scopes = parseScopes(flags.scope);
    } catch (error) {
      throw new UsageError(`--scope: ${(error as Error).message}`);
    }
    return withKeys(async (keys) => {
      const { key, info } = await keys.create({ name: flags.name!, scopes });
      process.stderr.write(
        `created key "${info.name}" (${info.id}) with scopes ${info.scopes.join(', ')}.\n`,
      );
      process.stderr.write('Store it now: it is shown only this once.\n');
      process.stdout.write(`${key}\n`);
    });
  }
  if (command === 'list')
    return withKeys(async (keys) => printList(await keys.list({ includeRevoked: flags.all }), flags.json));
  if (command === 'revoke') {
    if (!target) throw new UsageError("revoke needs the key's id or name");
    return withKeys(async (keys) => {
      const info = await keys.revoke(target);
      process.stdout.write(`revoked key "${info.name}" (${info.id})\n`);
    });
  }
  throw new UsageError(command ? `unknown command "${command}"` : 'give a command: create, list or revoke');
}

function withKeys(fn: (keys: ApiKeysService) => Promise<void>): Promise<void> {
  return withCliDatabase((db) => fn(new ApiKeysService(db.prisma)), ApiKeyError);
}

runCli(main, USAGE);
