/**
 * `npm run bench [-- [--quick] [train] [api] [web] [data] [models] [soak]]`: runs the chosen benchmarks
 * (train, api, data and web when none is named) one after the other, each as its own `npm run bench:<name>`,
 * streaming its tables (each prints its live reference and the ratio), with the load average before and
 * after it and a summary at the end. Exits 1 when a benchmark failed or said its reference could not run
 * (its exit code, or a line containing "reference could not run"), 2 on a bad argument. `--quick` passes
 * each benchmark smaller sizes (fewer epochs, shorter loads): figures for a smoke check, not the aims.
 */
import { spawn } from 'node:child_process';
import console from 'node:console';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

const root = path.resolve(import.meta.dirname, '..');
const DEFAULT = ['train', 'api', 'data', 'web'];
/** Arguments of each benchmark's quick run; `env` for the web one (a Playwright run takes no flags). */
const QUICK = {
  train: { args: ['--epochs', '3', '--repeat', '1'] },
  api: { args: ['--duration', '5', '--subscribers', '1000', '--skip-train'] },
  data: {
    args: ['--categories', '100', '--days', '90', '--embedded-rows', '20000', '--rss-days', '0'],
  },
  web: { env: { E2E_BENCH_EPOCHS: '10' } },
  models: { args: [] },
  soak: { args: ['--duration', '15', '--subscribers', '500'] },
};
/** What a benchmark prints when its live reference could not run (bench:train, bench:api). */
const MISSING_REFERENCE = /reference could not run/i;

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const names = argv.filter((a) => a !== '--quick');
const unknown = names.filter((n) => !(n in QUICK));
if (unknown.length) {
  console.error(
    `unknown benchmark ${unknown.join(', ')}; usage: npm run bench -- [--quick] [${Object.keys(QUICK).join('|')}]...`,
  );
  process.exit(2);
}

const load = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

/** Runs `npm run -s bench:<name>`, echoing its output. @returns its exit code, seconds and marker lines. */
function run(name) {
  const { args = [], env = {} } = quick ? QUICK[name] : {};
  const npmArgs = ['run', '-s', `bench:${name}`, ...(args.length ? ['--', ...args] : [])];
  const started = Date.now();
  const missing = [];
  return new Promise((resolve) => {
    const child = spawn('npm', npmArgs, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['inherit', 'pipe', 'pipe'],
    });
    let tail = '';
    const scan = (chunk, out) => {
      out.write(chunk);
      const text = tail + chunk.toString();
      const lines = text.split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) if (MISSING_REFERENCE.test(line)) missing.push(line.trim());
    };
    child.stdout.on('data', (chunk) => scan(chunk, process.stdout));
    child.stderr.on('data', (chunk) => scan(chunk, process.stderr));
    // Ctrl-C reaches the child too (same process group); wait for it to clean up.
    child.on('close', (code, signal) => {
      if (MISSING_REFERENCE.test(tail)) missing.push(tail.trim());
      resolve({ code: code ?? (signal ? 128 : 1), seconds: (Date.now() - started) / 1000, missing });
    });
  });
}

const results = [];
for (const name of names.length ? names : DEFAULT) {
  console.log(`\n=== bench:${name}${quick ? ' (quick)' : ''}: load average before ${load()}`);
  const result = await run(name);
  console.log(
    `=== bench:${name}: exit ${result.code} after ${result.seconds.toFixed(0)} s; load average after ${load()}`,
  );
  results.push({ name, ...result });
}

console.log('\nsummary');
let failed = false;
for (const { name, code, seconds, missing } of results) {
  const verdict = code !== 0 ? `FAILED (exit ${code})` : missing.length ? 'REFERENCE MISSING' : 'ok';
  failed ||= verdict !== 'ok';
  console.log(`  bench:${name.padEnd(7)} ${verdict.padEnd(20)} ${seconds.toFixed(0).padStart(5)} s`);
  for (const line of missing) console.log(`      ${line}`);
}
process.exit(failed ? 1 : 0);
