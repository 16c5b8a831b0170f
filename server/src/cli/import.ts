/**
 * `npm run import -- --csv <file> [--source <name>] [--skip-bad-rows] [--json]`
 * Imports a sales CSV into the database (DATABASE_URL, or the embedded one under DATA_DIR) through the
 * same pipeline as the API's `importSales`, with a progress bar on stderr, then applies the retrain
 * policy. Exit 0 when imported (or recognised as already imported), 2 with the bad lines listed when
 * rows are bad or the file is unusable, 1 otherwise. While `npm start` holds the embedded database it
 * says so in one line, with the command that sends the file to the running API instead.
 */
// RunsService (the retrain policy queues runs) loads run types that TypeGraphQL decorates.
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config/load-config.js';
import { importSalesFile, type ImportOutcome } from '../modules/imports/import-sales-file.js';
import { buildImportJob } from '../modules/imports/import-job.js';
import { ImportsService } from '../modules/imports/imports.service.js';
import { RetrainPolicy } from '../modules/sales/retrain-policy.js';
import { RunsService } from '../modules/runs/runs.service.js';
import { openCliDatabase } from './open-cli-database.js';
import { runCli, UsageError } from './run-cli.js';

const USAGE = 'usage: npm run import -- --csv <file> [--source <name>] [--skip-bad-rows] [--json]';
const LISTED_BAD_LINES = 20;

function apiHint(file: string, port: number): string {
  return `send it to the running API instead: curl -H 'Apollo-Require-Preflight: true' -F operations='{"query":"mutation ($f: Upload!) { importSales(file: $f, wait: true) { id status rowsAccepted } }","variables":{"f":null}}' -F map='{"0":["variables.f"]}' -F 0=@${file} http://127.0.0.1:${port}/graphql`;
}

function summary(outcome: ImportOutcome, id: string): string {
  if (outcome.status === 'DUPLICATE')
    return `already imported (import ${outcome.duplicateOfId ?? '?'}): nothing changed`;
  const skipped = outcome.badLineCount ? `, ${outcome.badLineCount} bad rows skipped` : '';
  const how = outcome.fastPathMiss ? `; read row by row (${outcome.fastPathMiss})` : '';
  return `imported ${outcome.rowsAccepted} rows (${outcome.rowsDuplicate ?? 0} duplicates${skipped}) into ${outcome.daysTouched} days of ${outcome.categoriesTouched} categories (${outcome.categoriesAdded} new); import ${id}${how}`;
}

function badLinesReport(outcome: ImportOutcome): string {
  const lines = (outcome.badLines ?? [])
    .slice(0, LISTED_BAD_LINES)
    .map((b) => `  line ${b.line}: ${b.code}: ${b.message}`);
  const more = (outcome.badLineCount ?? 0) - lines.length;
  return [...lines, ...(more > 0 ? [`  … ${more} more`] : [])].join('\n');
}

async function main(): Promise<number> {
  const { values: flags } = parseArgs({
    options: {
      csv: { type: 'string' },
      source: { type: 'string', default: 'default' },
      'skip-bad-rows': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!flags.csv) throw new UsageError('--csv <file> is required');
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), flags.csv);
  if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist`);
  if (!flags.source.trim() || flags.source.length > 100)
    throw new UsageError('--source must be 1–100 characters');
  const config = loadConfig();
  const { db, sales } = await openCliDatabase(config, apiHint(file, config.api.port));
  try {
    const imports = new ImportsService(db.prisma);
    const row = await imports.create({
      path: file,
      fileName: path.basename(file),
      source: flags.source.trim(),
      skipBadRows: flags['skip-bad-rows'],
      requestedBy: 'cli',
    });
    const bar =
      !flags.json && process.stderr.isTTY
        ? new cliProgress.SingleBar(
            {
              stream: process.stderr,
              format: 'import |{bar}| {percentage}% · {rows} rows · {bad} bad · {duration_formatted}',
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    process.stderr.write(`importing ${file} (import ${row.id}, ${row.bytes} bytes)\n`);
    bar?.start(Number(row.bytes), 0, { rows: 0, bad: 0 });
    const outcome = await importSalesFile(
      buildImportJob({ config, db, row, path: file, instanceId: `cli-${process.pid}` }),
      (p) => bar?.update(p.bytesRead, { rows: p.rowsRead, bad: p.badLineCount }),
    );
    bar?.stop();
    const queued =
      outcome.status === 'SUCCEEDED'
        ? await new RetrainPolicy(db.prisma, config, new RunsService(db.prisma, config, sales)).queueDue(
            outcome.categories.map((c) => c.name),
          )
        : [];
    if (flags.json)
      process.stdout.write(
        `${JSON.stringify({ importId: row.id, ...outcome, categories: outcome.categories.length, queuedRuns: queued.map((r) => r.id) })}\n`,
      );
    if (outcome.status === 'SUCCEEDED' || outcome.status === 'DUPLICATE') {
      if (!flags.json)
        process.stdout.write(
          `${summary(outcome, row.id)}${queued.length ? `; queued ${queued.length} retrain runs` : ''}\n`,
        );
      if (outcome.badLineCount) process.stderr.write(`${badLinesReport(outcome)}\n`);
      return 0;
    }
    process.stderr.write(
      `error: ${outcome.error}\n${outcome.badLineCount ? `${badLinesReport(outcome)}\n` : ''}`,
    );
    return outcome.errorCode === 'INTERNAL' || outcome.errorCode === 'INTERRUPTED' ? 1 : 2;
  } finally {
    await db.close();
  }
}

runCli(main, USAGE);
