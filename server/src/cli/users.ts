/**
 * `npm run users -- create --email <email> --role viewer|trainer|admin | list [--json] |
 * set-role <email> <role> | set-password <email> | remove <email>`: the people who sign in to the web
 * app. Passwords are never arguments: typed twice at a terminal, else the first line of stdin
 * (read-password.ts). The first admin is made here. Exit 2 for bad input.
 */
import { parseArgs } from 'node:util';
import { parseRole, ROLE_SCOPES, ROLES } from '../modules/auth/scopes.js';
import { UserError, UsersService, type UserInfo } from '../modules/auth/users.service.js';
import { withCliDatabase } from './open-cli-database.js';
import { readNewPassword } from './read-password.js';
import { runCli, UsageError } from './run-cli.js';

const USAGE = `usage: npm run users -- create --email <email> --role <role>
       npm run users -- list [--json]
       npm run users -- set-role <email> <role>
       npm run users -- set-password <email>
       npm run users -- remove <email>
roles: ${ROLES.map((r) => `${r} (${ROLE_SCOPES[r].join(', ')}${r === 'admin' ? '; keys and users' : ''})`).join(', ')}
The password is typed twice at a terminal, or read from the first line of standard input.
Once any user exists, the web app asks for sign-in and every API caller needs credentials.`;

const describe = (u: UserInfo) => `${u.email} (${u.role})`;

function role(text: string | undefined): ReturnType<typeof parseRole> {
  if (!text) throw new UsageError(`give a role: ${ROLES.join(', ')}`);
  try {
    return parseRole(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function main(): Promise<void> {
  const { values: flags, positionals } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const [command, email, roleArg, ...rest] = positionals;
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (command === 'create') {
    if (!flags.email) throw new UsageError('create needs --email <email>');
    const newRole = role(flags.role);
    const password = await readNewPassword();
    return withUsers(async (users) => {
      process.stdout.write(
        `created ${describe(await users.create({ email: flags.email!, password, role: newRole }))}\n`,
      );
    });
  }
  if (command === 'list')
    return withUsers(async (users) => {
      const all = await users.list();
      if (flags.json) return all.forEach((u) => process.stdout.write(`${JSON.stringify(u)}\n`));
      process.stdout.write(
        all.length
          ? all.map((u) => `${describe(u)}  since ${u.createdAt.toISOString().slice(0, 10)}\n`).join('')
          : 'no users\n',
      );
    });
  if (!email && command) throw new UsageError(`${command} needs an email`);
  if (command === 'set-role') {
    const newRole = role(roleArg);
    return withUsers(
      async (users) => void process.stdout.write(`${describe(await users.setRole(email!, newRole))}\n`),
    );
  }
  if (command === 'set-password') {
    const password = await readNewPassword();
    return withUsers(async (users) => {
      const user = await users.setPassword(email!, password);
      process.stdout.write(`new password for ${describe(user)}; their sessions ended\n`);
    });
  }
  if (command === 'remove')
    return withUsers(
      async (users) => void process.stdout.write(`removed ${describe(await users.remove(email!))}\n`),
    );
  throw new UsageError(
    command
      ? `unknown command "${command}"`
      : 'give a command: create, list, set-role, set-password or remove',
  );
}

function withUsers(fn: (users: UsersService) => Promise<void>): Promise<void> {
  return withCliDatabase((db) => fn(new UsersService(db.prisma)), UserError);
}

runCli(main, USAGE);
