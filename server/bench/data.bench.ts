/**
 * `npm run bench:data [-- --categories 1000 --days 365 --embedded-rows 100000 --rss-days 1500 --train-seconds 60
 * --database-url URL]`: the data plane at catalogue scale, each figure beside a ceiling measured in the same
 * run: 1. import rows/s (local Postgres, embedded) vs Postgres COPY of the same rows; 2. RSS of a large
 * (~10M-row) import; 3. `series`/`categories` p50/p99 at 1,000 categories vs `{ __typename }`;
 * 4. `recordSales` rows/s vs a bare INSERT; 5. `trainAll` over the catalogue. Everything it makes (files,
 * databases, the server child, the fake MLflow) is removed at the end, also on errors.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parsePositiveInt, runCli } from '../src/cli/run-cli.js';
import { startFakeMlflowServer } from '../test/utils/fake-mlflow-server.js';
import { createTable, formatInt, formatMs } from './api/format.js';
import { gql } from './api/http.js';
import { startServerProcess } from './api/server-process.js';
import { copyRate, importRate, scratchDatabase } from './data/import-throughput.js';
import { measureImportRss } from './data/rss.js';
import { latency, recordSalesRate } from './data/serving.js';
import { measureTrainAll } from './data/train-all.js';
import { generateCsv, headCsv } from './data/files.js';

const USAGE = `usage: npm run bench:data [-- options]
  --categories N      catalogue size (default 1000)
  --days N            days of the catalogue file (default 365: ~2.4M rows)
  --embedded-rows N   rows of that file imported into the embedded database (default 100000)
  --rss-days N        days of the large file whose import RSS is sampled (default 1500: ~10M rows; 0 skips)
  --train-seconds S   how long trainAll is watched (default 60; 0 skips)
  --database-url URL  Postgres server for scratch databases (default postgres://postgres@127.0.0.1:5432/postgres)`;

const ratio = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} %`;

runCli(async () => {
  const { values: flags } = parseArgs({
    options: {
      categories: { type: 'string', default: '1000' },
      days: { type: 'string', default: '365' },
      'embedded-rows': { type: 'string', default: '100000' },
      'rss-days': { type: 'string', default: '1500' },
      'train-seconds': { type: 'string', default: '60' },
      'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    },
  });
  const categories = parsePositiveInt('categories', flags.categories, 100_000)!;
  const days = parsePositiveInt('days', flags.days, 36_600)!;
  const embeddedRows = parsePositiveInt('embedded-rows', flags['embedded-rows'], 100_000_000)!;
  const rssDays = Number(flags['rss-days']);
  const trainSeconds = Number(flags['train-seconds']);
  const adminUrl = flags['database-url'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-data-'));
  const cleanups: (() => Promise<unknown>)[] = [async () => fs.rmSync(dir, { recursive: true, force: true })];
  const cpus = os.cpus();
  console.log(`data-plane benchmark, ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model.trim()}, load average at start ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}\n`,
  );
  try {
    const big = path.join(dir, 'catalogue.csv');
    const rows = await generateCsv(big, { categories, days });
    const slice = path.join(dir, 'slice.csv');
    const sliceRows = await headCsv(big, slice, embeddedRows);
    console.log(
      `data: ${formatInt(rows)} rows, ${categories} categories × ${days} days (data:generate, seed 42); embedded slice ${formatInt(sliceRows)} rows\n`,
    );

    console.log('1. import throughput (rows/s; the pipeline in-process, as npm run import)');
    const pgDb = await scratchDatabase('postgres', adminUrl, dir);
    cleanups.unshift(pgDb.drop);
    const copyBare = await copyRate(pgDb.db.url, big, rows, 'temp');
    const copyKey = await copyRate(pgDb.db.url, big, rows, 'temp+key');
    const copyDurable = await copyRate(pgDb.db.url, big, rows, 'durable+key');
    const pgImport = await importRate(pgDb.db, big, rows);
    const pgRate = pgImport.rate;
    // The careful path into a database of its own (the fast path's ids are stored in the first one).
    const carefulDb = await scratchDatabase('postgres', adminUrl, path.join(dir, 'careful'));
    const pgCareful = await importRate(carefulDb.db, big, rows, false).finally(() => carefulDb.drop());
    const emb = await scratchDatabase('embedded', adminUrl, path.join(dir, 'embedded'));
    const embImport = await importRate(emb.db, slice, sliceRows).finally(() => emb.drop());
    const embRate = embImport.rate;
    const copySliceBare = await copyRate(pgDb.db.url, slice, sliceRows, 'temp');
    const t1 = createTable([
      'what',
      'rows',
      'rows/s',
      'vs COPY (temp table)',
      'vs COPY (temp + id key)',
      'vs COPY (durable + id key)',
    ]);
    t1.push([
      'Postgres COPY, TEMP 9-column table (ceiling)',
      formatInt(rows),
      formatInt(copyBare),
      '100 %',
      '',
      '',
    ]);
    t1.push([
      'Postgres COPY, TEMP + primary key on the id',
      formatInt(rows),
      formatInt(copyKey),
      ratio(copyKey, copyBare),
      '100 %',
      '',
    ]);
    t1.push([
      'Postgres COPY, ordinary table + key (WAL)',
      formatInt(rows),
      formatInt(copyDurable),
      ratio(copyDurable, copyBare),
      ratio(copyDurable, copyKey),
      '100 %',
    ]);
    t1.push([
      'import, local Postgres (fast path: COPY csv)',
      formatInt(rows),
      formatInt(pgRate),
      ratio(pgRate, copyBare),
      ratio(pgRate, copyKey),
      ratio(pgRate, copyDurable),
    ]);
    t1.push([
      'import, local Postgres (careful path)',
      formatInt(rows),
      formatInt(pgCareful.rate),
      ratio(pgCareful.rate, copyBare),
      ratio(pgCareful.rate, copyKey),
      ratio(pgCareful.rate, copyDurable),
    ]);
    t1.push([
      'import, embedded PGlite (INSERT staging)',
      formatInt(sliceRows),
      formatInt(embRate),
      ratio(embRate, copySliceBare),
      '',
      '',
    ]);
    const phases = (p: { stageS: number; applyS: number }) =>
      `read+stage ${p.stageS.toFixed(1)} s, apply ${p.applyS.toFixed(1)} s`;
    console.log(
      `${t1.toString()}\n  aim: import ≥ 50 % of COPY (the durable column compares like with like: the import must write WAL). Postgres fast: ${phases(pgImport)}; careful: ${phases(pgCareful)}; embedded: ${phases(embImport)}.\n`,
    );

    if (rssDays > 0) {
      console.log(`2. RSS of a large import (npm run import in a child process, local Postgres)`);
      const large = path.join(dir, 'large.csv');
      const largeRows = await generateCsv(large, { categories, days: rssDays, seed: 43 });
      const rssDb = await scratchDatabase('postgres', adminUrl, dir);
      cleanups.unshift(rssDb.drop);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: rssDb.db.url,
        DATA_DIR: path.join(dir, 'rss'),
      };
      await rssDb.db.close(); // the child opens its own
      const rss = await measureImportRss(large, env);
      const s = rss.samplesMb;
      const at = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))] ?? NaN;
      const t2 = createTable([
        'rows',
        'file MB',
        's',
        'rows/s',
        'RSS MB at 10 %',
        '50 %',
        '90 %',
        'max',
        'exit',
      ]);
      t2.push([
        formatInt(largeRows),
        formatInt(fs.statSync(large).size / 2 ** 20),
        rss.seconds.toFixed(0),
        formatInt(largeRows / rss.seconds),
        at(0.1).toFixed(0),
        at(0.5).toFixed(0),
        at(0.9).toFixed(0),
        Math.max(...s).toFixed(0),
        String(rss.exitCode),
      ]);
      console.log(
        `${t2.toString()}\n  aim: flat RSS (the 90 % sample close to the 10 % one). ${rss.stdout}\n`,
      );
      fs.rmSync(large, { force: true });
    }

    console.log(
      `3. serving at ${categories} categories (API server in a child process on the Postgres of part 1)`,
    );
    const mlflow = await startFakeMlflowServer();
    cleanups.unshift(() => mlflow.stop());
    const server = await startServerProcess({ databaseUrl: pgDb.db.url, mlflowTrackingUri: mlflow.url });
    cleanups.unshift(() => server.stop());
    const { categories: names } = await gql<{ categories: { name: string }[] }>(
      server.graphqlUrl,
      '{ categories { name } }',
    );
    const n = 300;
    const ceiling = await latency(server.graphqlUrl, '{ __typename }', n);
    const series = await latency(
      server.graphqlUrl,
      'query ($c: String!) { series(category: $c) { points { date value rollingAverage } } }',
      n,
      (i) => ({ c: names[(i * 37) % names.length]!.name }),
    );
    const page = await latency(
      server.graphqlUrl,
      '{ categories(first: 50, orderBy: { field: TOTAL, direction: DESC }) { name days lastDate total newDays activeModel { id } } }',
      n,
    );
    const search = await latency(
      server.graphqlUrl,
      'query ($s: String) { categoriesConnection(first: 20, search: $s) { totalCount edges { node { name lastDate } } } }',
      n,
      (i) => ({ s: String(i % 100) }),
    );
    const all = await latency(
      server.graphqlUrl,
      '{ categories { name days firstDate lastDate total } }',
      100,
    );
    const t3 = createTable(['query', 'p50 ms', 'p99 ms', 'ceiling { __typename } p50 / p99']);
    const row = (name: string, l: { p50Ms: number; p99Ms: number }) =>
      t3.push([
        name,
        formatMs(l.p50Ms),
        formatMs(l.p99Ms),
        `${formatMs(ceiling.p50Ms)} / ${formatMs(ceiling.p99Ms)}`,
      ]);
    row(`series (${days} points)`, series);
    row('categories(first: 50, by total)', page);
    row('categoriesConnection(search)', search);
    row(`categories (all ${names.length})`, all);
    console.log(`${t3.toString()}\n  aim: series p99 ≤ 20 ms.\n`);

    console.log('4. recordSales (10 calls × 10,000 rows, sequential)');
    const record = await recordSalesRate(
      server.graphqlUrl,
      pgDb.db.url,
      names.map((c) => c.name),
      10,
      10_000,
    );
    const t4 = createTable(['what', 'rows/s', 'vs ceiling']);
    t4.push(['bare INSERT … unnest of the same rows (ceiling)', formatInt(record.ceiling), '100 %']);
    t4.push(['recordSales over HTTP', formatInt(record.api), ratio(record.api, record.ceiling)]);
    console.log(`${t4.toString()}\n`);

    if (trainSeconds > 0) {
      console.log(
        `5. trainAll over ${names.length} categories (1 epoch each, training.concurrency from config.yaml; watched ${trainSeconds} s)`,
      );
      const concurrency = Number(
        /concurrency:\s*(\d+)/.exec(
          fs.readFileSync(path.resolve(import.meta.dirname, '../../config.yaml'), 'utf8'),
        )?.[1] ?? 1,
      );
      const t = await measureTrainAll(server.graphqlUrl, { windowS: trainSeconds, epochs: 1, concurrency });
      const t5 = createTable([
        'queued',
        'queue time',
        'finished',
        'runs/min',
        'ceiling runs/min',
        'projected total',
        'reached MLflow',
      ]);
      t5.push([
        String(t.queued),
        `${formatMs(t.queueMs)} ms`,
        String(t.finished),
        t.perMinute.toFixed(1),
        t.ceilingPerMinute.toFixed(1),
        `${t.projectedMinutes.toFixed(0)} min`,
        `${t.synced} of ${t.syncedOf} finished`,
      ]);
      console.log(
        `${t5.toString()}\n  aims: 1,000 runs queued in ≤ 2 s; nothing lost on the way to MLflow (fake MLflow, test/utils). ceiling = concurrency × 60 / median run seconds.\n`,
      );
    }
    console.log(
      `load average at end ${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')} (other processes on these cores skew every figure)`,
    );
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}, USAGE);
