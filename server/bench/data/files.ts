/**
 * The benchmark's CSV files: made by the real `data:generate` command (a child process), and a slice of
 * the first rows of one for the slower embedded database.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `data:generate -- --categories N --days D --seed S --out file`. @returns the rows written. */
export async function generateCsv(
  file: string,
  options: { categories: number; days: number; seed?: number },
): Promise<number> {
  const args = [
    '--categories',
    String(options.categories),
    '--days',
    String(options.days),
    '--seed',
    String(options.seed ?? 42),
    '--out',
    file,
  ];
  const result = spawnSync(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'src/cli/generate-sample-data.ts', ...args],
    {
      cwd: SERVER_DIR,
      env: { ...process.env, NODE_OPTIONS: '' },
      encoding: 'utf8',
    },
  );
  const rows = /wrote ([\d,]+) rows/.exec(result.stdout)?.[1];
  if (result.status !== 0 || !rows)
    throw new Error(`data:generate failed: ${result.stderr || result.stdout}`);
  return Number(rows.replaceAll(',', ''));
}

/** Copies the header and the first `rows` rows of `from` to `to`. @returns the rows copied. */
export async function headCsv(from: string, to: string, rows: number): Promise<number> {
  const out = fs.createWriteStream(to);
  let copied = -1; // the header is not a row
  for await (const line of readline.createInterface({ input: fs.createReadStream(from) })) {
    if (copied >= rows) break;
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
    copied += 1;
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return copied;
}
