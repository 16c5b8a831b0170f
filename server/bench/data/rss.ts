/**
 * Part 2 of `data.bench.ts`: memory of a large import. Runs `npm run import`'s entry on the file in a
 * child process (on the given Postgres) and samples the child's resident set size (/proc/<pid>/status)
 * every 250 ms: flat means the RSS at the end is close to the RSS early on, whatever the file size.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function rssMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface RssResult {
  seconds: number;
  samplesMb: number[];
  exitCode: number | null;
  stdout: string;
}

/** Imports `file` with the CLI into `databaseUrl` and samples its RSS. */
export async function measureImportRss(file: string, env: NodeJS.ProcessEnv): Promise<RssResult> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'src/cli/import.ts', '--csv', file],
    {
      cwd: SERVER_DIR,
      env: { ...env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', () => undefined);
  const samplesMb: number[] = [];
  const timer = setInterval(() => {
    const mb = rssMb(child.pid!);
    if (mb !== undefined) samplesMb.push(mb);
  }, 250);
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(timer);
  return { seconds: (performance.now() - started) / 1000, samplesMb, exitCode, stdout: stdout.trim() };
}
