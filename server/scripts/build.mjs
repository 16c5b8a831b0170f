/**
 * `npm run build -w server [-- --if-stale]`: compiles the server's TypeScript (src/ → dist/, tsconfig.build.json, incremental)
 * and copies the files tsc does not emit (plain .js assets such as the playground's script) beside it, so
 * `npm start` runs JavaScript instead of transpiling on every start. Called by the root `scripts/start.mjs`
 * when dist/ is missing or older than a source, and by the server's Dockerfile.
 */
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import process from 'node:process';

const serverDir = path.resolve(import.meta.dirname, '..');
const src = path.join(serverDir, 'src');
const dist = path.join(serverDir, 'dist');
const marker = path.join(dist, '.built');

/** True when there is no build, or a source or build setting changed after it. */
function isStale() {
  if (!fs.existsSync(marker)) return true;
  const builtAt = fs.statSync(marker).mtimeMs;
  const inputs = ['package.json', 'tsconfig.json', 'tsconfig.build.json', '../tsconfig.json'];
  if (inputs.some((p) => fs.statSync(path.join(serverDir, p)).mtimeMs > builtAt)) return true;
  return fs
    .readdirSync(src, { recursive: true, withFileTypes: true })
    .some((e) => e.isFile() && fs.statSync(path.join(e.parentPath, e.name)).mtimeMs > builtAt);
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
console.log('compiling the server (first start or changed sources)…');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', path.join(serverDir, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);

for (const entry of fs.readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const from = path.join(entry.parentPath, entry.name);
  const to = path.join(dist, path.relative(src, from));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}
// The marker start.mjs compares source times against (tsc leaves unchanged outputs untouched).
fs.writeFileSync(marker, new Date().toISOString());
