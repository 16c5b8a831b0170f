/**
 * `npm run bench:api [-- --duration 10 --subscribers 1000 --skip-train --skip-fanout --skip-cold-start --database-url URL --profile]`:
 * the API under load, beside the reference system (../shared/notes/reference-figures.md). Starts the server
 * in a child process on a temp project (sample data, embedded database unless --database-url), trains one
 * model through the API, then measures 1. predict vs the stack's ceiling, 2. serving while trainAll
 * trains (in a separate worker process, and in-process for comparison), 3. subscription fan-out, 4. cold start
 * of the real entry point (api/cold-start.ts). The child and the temp dir are removed at the end, on errors and Ctrl-C.
 * With --profile, each measured run of parts 1 and 3 is followed by where the server's CPU went in it
 * (`api/phase-profiler.ts`); the profiles stay in a temp dir whose path is printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parsePositiveInt, runCli } from '../src/cli/run-cli.js';
import { measureColdStart } from './api/cold-start.js';
import { measureFanout } from './api/fanout.js';
import { measureForwardPass } from './api/forward-pass.js';
import { gql, trainCategory } from './api/http.js';
import { createPhaseProfiler, type PhaseProfiler } from './api/phase-profiler.js';
import { REFERENCE_SOURCE } from './api/reference.js';
import { startServerProcess, type ServerProcess } from './api/server-process.js';
import { measureServing, type ServingResult } from './api/serving.js';
import { measureTrainingLoad } from './api/train-load.js';

const USAGE = `usage: npm run bench:api [-- options]
  --duration S        seconds per autocannon run (default 10)
  --subscribers N     graphql-ws subscribers in the fan-out part (default 5000)
  --skip-train        skip part 2 (serving while trainAll trains, in a worker process and in-process;
                      needs Postgres: a throwaway database on --database-url's server or the local one)
  --skip-fanout       skip part 3 (subscription fan-out)
  --fanout-only       only part 3 (no model is trained first)
  --skip-cold-start   skip part 4 (cold start of node dist/index.js on the embedded database to /readyz,
                      first and later start, beside a bare node:http server's start)
  --database-url URL  use this Postgres instead of the embedded database (runs and models stay in it)
  --profile           V8's CPU profiler in the server (and the bare graphql-ws server) during each measured
                      run of parts 1 and 3; after each, the server main thread's self time by group (graphql-js,
                      Apollo, Express/HTTP, ws, onnxruntime, Prisma, our code, JSON, GC, idle, ...), its top
                      functions, and the cores used by the server, the benchmark's own clients and the rest;
                      .cpuprofile files kept in a printed temp dir. The profiler costs the server some speed.
Exits 1 when a live reference could not run (the line says "reference could not run").`;
// Enough that part 2's load phases fit inside trainAll (twice: worker, in-process); cancelled after.
const TRAIN_ALL_EPOCHS = 20;
const FANOUT_EPOCHS = 5;

let server: ServerProcess | undefined;
// Ctrl-C reaches the child too (same process group); still stop it here so the temp dir goes with it.
process.once('SIGINT', () => {
  process.stderr.write('\ninterrupted: stopping the server and removing its temp dir\n');
  void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
});

runCli(async () => {
  const { values: flags } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      subscribers: { type: 'string', default: '5000' },
      'skip-train': { type: 'boolean', default: false },
      'skip-fanout': { type: 'boolean', default: false },
      'fanout-only': { type: 'boolean', default: false },
      'skip-cold-start': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      profile: { type: 'boolean', default: false },
    },
  });
  const durationS = parsePositiveInt('duration', flags.duration, 600)!;
  const subscribers = parsePositiveInt('subscribers', flags.subscribers, 20_000)!;
  const loadAverage = formatLoad();
  const profiler: PhaseProfiler | undefined = flags.profile
    ? createPhaseProfiler(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-api-profiles-')))
    : undefined;

  server = await startServerProcess({ databaseUrl: flags['database-url'] });
  let referenceMissing = false;
  try {
    const { graphqlUrl, url } = server;
    const { serverInfo, categories } = await gql<{
      serverInfo: { tfBackend: string; servingEngine: string; database: string; version: string };
      categories: { name: string }[];
    }>(graphqlUrl, '{ serverInfo { tfBackend servingEngine database version } categories { name } }');
    const cpus = os.cpus();
    console.log(`API benchmark, ${new Date().toISOString()}`);
    console.log(
      `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average at start ${loadAverage}`,
    );
    console.log(
      `node ${process.version}; server ${serverInfo.version}, TF.js backend ${serverInfo.tfBackend}, database ${serverInfo.database}; server in a child process`,
    );
    console.log(`forecasts served by ${serverInfo.servingEngine}; reference: ${REFERENCE_SOURCE}\n`);

    console.log('0. one CNN-LSTM forward pass (window 14, 32 filters, 64 units), TF.js wasm vs ONNX Runtime');
    print(await measureForwardPass());

    const category = categories[0]!.name;
    if (flags['fanout-only']) {
      console.log(`3. subscription fan-out: ${subscribers} graphql-ws subscribers to trainingProgress`);
      const fanout = await measureFanout({ server, category, subscribers, epochs: FANOUT_EPOCHS, profiler });
      print(fanout);
      console.log(`load average at end ${formatLoad()} (other processes on these cores skew every figure)`);
      printProfileDir(profiler);
      return fanout.referenceFailed ? 1 : 0;
    }
    await trainCategory(graphqlUrl, category, 1);
    const { modelVersions } = await gql<{ modelVersions: { active: boolean; windowSize: number }[] }>(
      graphqlUrl,
      'query ($c: String!) { modelVersions(category: $c) { active windowSize } }',
      { c: category },
    );
    const windowSize = modelVersions.find((v) => v.active)!.windowSize;
    const { series } = await gql<{ series: { points: { value: number }[] } }>(
      graphqlUrl,
      'query ($c: String!) { series(category: $c) { points { value } } }',
      { c: category },
    );
    const values = series.points.slice(-windowSize).map((p) => p.value);

    console.log(
      `1. predict (${category}, model 1 epoch) vs the stack's ceiling, autocannon in the bench process`,
    );
    const serving: ServingResult = await measureServing({
      url,
      graphqlUrl,
      category,
      series: values,
      durationS,
      profile: profiler && { profiler, server: server.profiler },
    });
    print(serving);

    let failed: string | undefined;
    if (!flags['skip-train']) {
      console.log(
        '2. serving while trainAll trains: training in a separate worker process, then in the serving process (throwaway Postgres database)',
      );
      const part2 = await measureTrainingLoad({
        databaseUrl: flags['database-url'],
        category,
        series: values,
        durationS,
        epochs: TRAIN_ALL_EPOCHS,
      });
      failed = part2.failed;
      print(part2);
    }
    if (!flags['skip-fanout']) {
      console.log(`3. subscription fan-out: ${subscribers} graphql-ws subscribers to trainingProgress`);
      const fanout = await measureFanout({ server, category, subscribers, epochs: FANOUT_EPOCHS, profiler });
      print(fanout);
      referenceMissing ||= Boolean(fanout.referenceFailed);
    }
    if (!flags['skip-cold-start']) {
      await server.stop(); // alone on the machine's cores, as a user's start is
      console.log('4. cold start: the real entry point on the embedded database, to /readyz');
      const cold = await measureColdStart();
      if (cold.failed) failed ??= cold.failed;
      else print(cold);
    }
    console.log(`load average at end ${formatLoad()} (other processes on these cores skew every figure)`);
    printProfileDir(profiler);
    if (failed) {
      process.stderr.write(`error: ${failed}\n`);
      return 1;
    }
    return referenceMissing ? 1 : 0;
  } finally {
    await server.stop();
  }
}, USAGE);

function formatLoad(): string {
  return os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
}

function printProfileDir(profiler: PhaseProfiler | undefined): void {
  if (profiler) console.log(`CPU profiles (Chrome DevTools > Performance, or speedscope): ${profiler.dir}`);
}

function print(part: { table: string; notes: string[] }): void {
  console.log(part.table);
  for (const note of part.notes) console.log(`  ${note}`);
  console.log();
}
