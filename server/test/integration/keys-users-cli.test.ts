/**
 * `npm run keys` and `npm run users` as real child processes on the database of a running API: a key
 * made by the CLI protects the API and works at once, is listed without its secret, and is refused once
 * revoked; users are made with the password on stdin; bad input exits 2 with one line.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const QUERY = '{ categories { name } }';
let server: TestServer;

/** Runs a CLI asynchronously: the API under test lives in this process and must keep serving meanwhile. */
function cli(script: 'keys' | 'users', args: string[], input = '') {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONFIG_PATH: path.join(path.dirname(server.dataDir), 'config.yaml'),
    DATA_DIR: server.dataDir,
    DATABASE_URL: server.app.services.db.url,
    NODE_OPTIONS: '',
  };
  delete env.NODE_ENV;
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', `src/cli/${script}.ts`, ...args],
    {
      cwd: SERVER_DIR,
      env,
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(input);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr: stderr.trim() })),
  );
}

beforeAll(async () => {
  server = await startTestServer({ dbKind: 'postgres' });
});
afterAll(async () => {
  await server?.dispose();
});

describe('keys CLI', () => {
  let key: string;

  it('should print a new key once, on stdout alone, and protect the API with it', async () => {
    expect((await gql(server, QUERY)).errors).toBeUndefined(); // open before any key exists
    const made = await cli('keys', ['create', '--name', 'partner', '--scope', 'read,predict']);
    expect(made.code).toBe(0);
    key = made.stdout.trim();
    expect(key).toMatch(/^sfk_[\w-]{43}$/);
    expect(made.stderr).toMatch(/"partner".*read, predict[\s\S]*shown only this once/);
    await waitForValue(
      async () => (await gql(server, QUERY)).errors?.[0]?.extensions?.code,
      (code) => code === 'UNAUTHENTICATED',
    );
    const keyed = await gql(server, QUERY, undefined, { authorization: `Bearer ${key}` });
    expect(keyed.errors).toBeUndefined();
    const train = await gql(server, 'mutation { trainAll { id } }', undefined, { 'x-api-key': key });
    expect(train.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('should list keys with their scopes and prefix, never the key', async () => {
    const table = await cli('keys', ['list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/partner\s+read,predict\s+sfk_/);
    expect(table.stdout).not.toContain(key);
    const json = await cli('keys', ['list', '--json']);
    const [row] = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as object);
    expect(row).toMatchObject({ name: 'partner', scopes: ['read', 'predict'], revokedAt: null });
  });

  it.each([
    ['an unknown scope', ['create', '--name', 'x', '--scope', 'read,admin'], /unknown scope "admin"/],
    ['no scope', ['create', '--name', 'x'], /needs --scope/],
    ['a name in use', ['create', '--name', 'partner', '--scope', 'read'], /"partner" exists/],
    ['an unknown key', ['revoke', 'nobody'], /no active key .*"nobody"/],
    ['an unknown command', ['rotate'], /unknown command "rotate"/],
  ])('should exit 2 with one line for %s', async (_name, args, message) => {
    const result = await cli('keys', args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n')).toHaveLength(1);
  });

  it('should revoke a key by name so that the API refuses it', async () => {
    // Another key keeps the API protected: with no key, user or API_KEY left it would be open again.
    expect((await cli('keys', ['create', '--name', 'keeper', '--scope', 'read'])).code).toBe(0);
    const revoked = await cli('keys', ['revoke', 'partner']);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/revoked key "partner"/);
    const res = await gql(server, QUERY, undefined, { authorization: `Bearer ${key}` });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await cli('keys', ['list'])).stdout).not.toMatch(/partner/);
    expect((await cli('keys', ['list', '--all'])).stdout).toMatch(/partner/);
  });
});

describe('users CLI', () => {
  it('should create a user with the password from stdin, stored as an argon2id hash', async () => {
    const made = await cli(
      'users',
      ['create', '--email', 'Ana@Example.com', '--role', 'trainer'],
      'correct horse\n',
    );
    expect(made).toMatchObject({ code: 0, stdout: 'created ana@example.com (trainer)\n' });
    const row = await server.prisma.user.findUnique({ where: { email: 'ana@example.com' } });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain('correct horse');
    expect((await cli('users', ['list'])).stdout).toMatch(/ana@example.com \(trainer\)/);
  });

  it('should change a role and remove a user', async () => {
    expect((await cli('users', ['set-role', 'ana@example.com', 'viewer'])).stdout).toBe(
      'ana@example.com (viewer)\n',
    );
    expect((await cli('users', ['remove', 'ana@example.com'])).code).toBe(0);
    expect((await cli('users', ['list'])).stdout).toBe('no users\n');
  });

  it.each([
    ['a short password', ['create', '--email', 'b@example.com', '--role', 'viewer'], 'short\n', /at least 8/],
    ['no password', ['create', '--email', 'b@example.com', '--role', 'viewer'], '', /no password/],
    [
      'an unknown role',
      ['create', '--email', 'b@example.com', '--role', 'boss'],
      'long enough\n',
      /unknown role/,
    ],
    ['a bad email', ['create', '--email', 'nobody', '--role', 'viewer'], 'long enough\n', /not an email/],
    ['an unknown user', ['set-role', 'ghost@example.com', 'admin'], '', /no user ghost@example.com/],
  ])('should exit 2 with one line for %s', async (_name, args, input, message) => {
    const result = await cli('users', args, input);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
