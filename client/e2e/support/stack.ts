/**
 * Starting the parts the specs run against, shared by global-setup.ts (the protected stack every spec
 * uses) and open-api.spec.ts (an API with no credentials at all): the API's real entry point, and
 * `next start` on the last build pointed at it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { start, waitForOutput, type Started } from './processes';

export const CLIENT_DIR = path.resolve(import.meta.dirname, '../..');
export const SERVER_DIR = path.resolve(CLIENT_DIR, '../server');
export const NEXT_BIN = createRequire(import.meta.url).resolve('next/dist/bin/next');

/** Children must not inherit Playwright's loader options. */
export const baseEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_OPTIONS: '',
  NEXT_TELEMETRY_DISABLED: '1',
});

/** The API (`src/index.ts`, as `npm start` runs it) on a free port; resolves with its GraphQL URL. */
export async function startApi(env: NodeJS.ProcessEnv): Promise<{ api: Started; graphqlUrl: string }> {
  const api = start(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/index.ts'], {
    cwd: SERVER_DIR,
    env: { ...env, PORT: '0' },
  });
  try {
    const [, graphqlUrl] = (await waitForOutput(api, /GraphQL API\s+(\S+)/)) as unknown as [string, string];
    return { api, graphqlUrl };
  } catch (error) {
    await api.stop();
    throw error;
  }
}

/** `next start` of the last build on 127.0.0.1:`port`, forwarding to `graphqlUrl`. */
export async function startWeb(port: number, graphqlUrl: string): Promise<Started> {
  const web = start(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: CLIENT_DIR,
    env: { ...baseEnv(), GRAPHQL_API_URL: graphqlUrl },
  });
  try {
    await waitForOutput(web, /Ready in/);
    return web;
  } catch (error) {
    await web.stop();
    throw error;
  }
}
