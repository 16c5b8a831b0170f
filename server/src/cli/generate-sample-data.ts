/**
 * `npm run data:generate -- [--seed 42] [--days 1096] [--start 2022-01-01] [--categories 5] [--out data/sales_sample.csv]`
 * Writes the seeded sample transactions of ml/data/sample-data.ts as CSV (streamed, then renamed into place,
 * so a failed run never leaves half a file) and prints one summary line. The default --out is the repo's
 * data/sales_sample.csv; a given --out is relative to where npm was run. Bad flags: one line, exit 2.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSaleDate } from '../ml/data/read-sales-csv.js';
import {
  catalogueProfiles,
  generateSampleTransactions,
  SAMPLE_HEADER,
  type SampleDataOptions,
} from '../ml/data/sample-data.js';

const USAGE =
  'npm run data:generate -- [--seed 42] [--days 1096] [--start 2022-01-01] [--categories 5] [--out data/sales_sample.csv]';
const MAX_CATEGORIES = 100_000;
const DEFAULT_OUT = fileURLToPath(new URL('../../../data/sales_sample.csv', import.meta.url));
const MAX_DAYS = 36_600;
const CHUNK_CHARS = 1 << 16;

class UsageError extends Error {}

interface GenerateFlags extends SampleDataOptions {
  out: string;
}

function parseFlags(args: string[]): GenerateFlags {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        seed: { type: 'string', default: '42' },
        days: { type: 'string', default: '1096' },
        start: { type: 'string', default: '2022-01-01' },
        categories: { type: 'string', default: '5' },
        out: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { seed, days, start, out, categories } = values;
  if (!/^\d{1,6}$/.test(categories) || +categories < 1 || +categories > MAX_CATEGORIES) {
    throw new UsageError(
      `--categories must be a whole number from 1 to ${MAX_CATEGORIES} (got "${categories}")`,
    );
  }
  if (!/^-?\d{1,15}$/.test(seed)) throw new UsageError(`--seed must be a whole number (got "${seed}")`);
  if (!/^\d{1,6}$/.test(days) || +days < 1 || +days > MAX_DAYS) {
    throw new UsageError(`--days must be a whole number from 1 to ${MAX_DAYS} (got "${days}")`);
  }
  if (parseSaleDate(start) !== start)
    throw new UsageError(`--start must be a YYYY-MM-DD date (got "${start}")`);
  // npm runs workspace scripts in server/; INIT_CWD is where the user typed the command.
  const base = process.env.INIT_CWD ?? process.cwd();
  return {
    seed: +seed,
    days: +days,
    startDate: start,
    categories: catalogueProfiles(+categories),
    out: out ? path.resolve(base, out) : DEFAULT_OUT,
  };
}

/** Quotes a field only when CSV needs it (a custom category name with a comma or quote). */
function toCsvLine(fields: readonly string[]): string {
  return `${fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',')}\n`;
}

async function writeSampleCsv(flags: GenerateFlags): Promise<string> {
  await mkdir(path.dirname(flags.out), { recursive: true });
  const temp = `${flags.out}.${process.pid}.tmp`;
  const stream = createWriteStream(temp);
  const done = finished(stream);
  done.catch(() => undefined); // observed below; this only stops an early error counting as unhandled
  const categories = new Set<string>();
  let rows = 0;
  let [first, last] = ['', ''];
  let chunk = toCsvLine(SAMPLE_HEADER);
  try {
    for (const row of generateSampleTransactions(flags)) {
      rows += 1;
      last = row[1]!;
      first ||= last;
      categories.add(row[5]!);
      chunk += toCsvLine(row);
      if (chunk.length < CHUNK_CHARS) continue;
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), done]);
      chunk = '';
    }
    stream.end(chunk);
    await done;
    await rename(temp, flags.out);
  } catch (error) {
    stream.destroy();
    await rm(temp, { force: true });
    throw error;
  }
  const { size } = await stat(flags.out);
  const shown = path.relative(process.env.INIT_CWD ?? process.cwd(), flags.out);
  const where = shown.startsWith('..') ? flags.out : shown;
  const n = (value: number): string => value.toLocaleString('en-US');
  return `wrote ${n(rows)} rows (${categories.size} categories, ${first}..${last}) to ${where}: ${n(size)} bytes`;
}

async function main(): Promise<void> {
  try {
    process.stdout.write(`${await writeSampleCsv(parseFlags(process.argv.slice(2)))}\n`);
  } catch (error) {
    const usage = error instanceof UsageError ? ` (usage: ${USAGE})` : '';
    process.stderr.write(`error: ${(error as Error).message}${usage}\n`);
    if (process.env.DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}

await main();
