/**
 * `npm start`: the API and the web app together, then both URLs.
 * - API: the server compiled to server/dist (compiled first when missing or older than a source), with PORT
 *   (default from config.yaml), DATA_DIR, DATABASE_URL, API_KEY…; `--dev` runs its TypeScript sources instead.
 * - Web: `next start` on WEB_PORT (default config.yaml `web.port`, 3000), pointed at the API's printed URL
 *   (GRAPHQL_API_URL); its users sign in when the API is protected (it needs no API_KEY). The client is built first
 *   when there is no build or a source file is newer than it (a production build: pages load fast and
 *   behave as deployed; `next dev` would compile each page on its first visit). `--dev` runs `next dev`.
 * Output of both is prefixed ([api], [web]). Ctrl-C / SIGTERM stops both; if one dies, the other is stopped.
 */
import { spawn } from 'node:child_process';
import console from 'node:console';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import readline from 'node:readline';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const clientDir = path.join(root, 'client');
const require = createRequire(import.meta.url);
const nextBin = require.resolve('next/dist/bin/next', { paths: [clientDir] });
const dev = process.argv.includes('--dev');
const children = new Set();
let stopping = false;

function webPortFromConfig() {
  try {
    const { parse } = require('yaml');
    const configPath = path.resolve(process.env.CONFIG_PATH ?? path.join(root, 'config.yaml'));
    return parse(fs.readFileSync(configPath, 'utf8'))?.web?.port;
  } catch {
    return undefined;
  }
}

function prefixed(stream, tag, onLine) {
  readline.createInterface({ input: stream }).on('line', (line) => {
    process.stdout.write(`${tag} ${line}\n`);
    onLine?.(line);
  });
}

function run(tag, args, { cwd, env, onLine }) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  prefixed(child.stdout, tag, onLine);
  prefixed(child.stderr, tag, onLine);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
  return { child, exited };
}

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const force = setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), 15_000);
  force.unref();
  const wait = () => (children.size ? setTimeout(wait, 100) : process.exit(code));
  wait();
}
process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));

/** True when .next has no build, or a file the build depends on changed after it. */
function needsBuild() {
  const marker = path.join(clientDir, '.next/BUILD_ID');
  if (!fs.existsSync(marker)) return true;
  const builtAt = fs.statSync(marker).mtimeMs;
  const newer = (p) => {
    const stat = fs.statSync(p);
    if (!stat.isDirectory()) return stat.mtimeMs > builtAt;
    return fs.readdirSync(p).some((name) => newer(path.join(p, name)));
  };
  return ['src', 'next.config.ts', 'package.json'].some(
    (p) => fs.existsSync(path.join(clientDir, p)) && newer(path.join(clientDir, p)),
  );
}

const telemetry = { NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1' };

// The API is compiled once (and again when a source changes), so a start runs JavaScript instead of
// transpiling TypeScript; `--dev` runs the sources through the SWC loader instead.
const serverDir = path.join(root, 'server');
if (!dev) {
  const { exited } = run('[api]', ['scripts/build.mjs', '--if-stale'], { cwd: serverDir, env: {} });
  const code = await exited;
  if (code !== 0) {
    console.error('[api] compiling the server failed; stopping.');
    process.exit(code);
  }
}
// The API's output reaches the terminal through this process's pipe: ask for readable logs when it is one.
const apiEnv = process.stdout.isTTY && !process.env.LOG_FORMAT ? { LOG_FORMAT: 'pretty' } : {};
const apiArgs = dev ? ['--import', '@swc-node/register/esm-register', 'src/index.ts'] : ['dist/index.js'];

// The API first (it takes a few seconds: database, TF.js), the client build meanwhile.
let apiUrl;
const apiReady = new Promise((resolve) => {
  const api = run('[api]', apiArgs, {
    cwd: serverDir,
    env: apiEnv,
    onLine: (line) => {
      const match = /GraphQL API\s+(\S+)/.exec(line);
      if (match && !apiUrl) resolve((apiUrl = match[1]));
    },
  });
  void api.exited.then((code) => {
    if (!stopping) console.error(`[api] exited (${code}); stopping the web app.`);
    stopAll(code || 1);
  });
});

if (!dev && needsBuild()) {
  console.log('[web] building the web app (first start or changed sources)…');
  const { exited } = run('[web]', [nextBin, 'build'], { cwd: clientDir, env: telemetry });
  const code = await exited;
  if (code !== 0) {
    console.error('[web] build failed; stopping.');
    stopAll(code);
  }
}
await apiReady;
if (stopping) await new Promise(() => {});

const webPort = process.env.WEB_PORT ?? String(webPortFromConfig() ?? 3000);
let webUrl;
const web = run('[web]', [nextBin, dev ? 'dev' : 'start', '-p', webPort], {
  cwd: clientDir,
  env: { ...telemetry, GRAPHQL_API_URL: apiUrl },
  onLine: (line) => {
    if (!webUrl && /Ready in|✓ Ready/.test(line)) {
      webUrl = `http://localhost:${webPort}`;
      const graphql = apiUrl.replace('127.0.0.1', 'localhost');
      process.stdout.write(
        `\n  Web app      ${webUrl}\n  GraphQL API  ${graphql}  (playground in a browser)\n\n`,
      );
    }
  },
});
void web.exited.then((code) => {
  if (!stopping) console.error(`[web] exited (${code}); stopping the API.`);
  stopAll(code || 1);
});
