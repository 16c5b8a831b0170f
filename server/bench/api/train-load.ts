/**
 * Part 2 of `api.bench.ts`: what training does to serving, with the training in a separate worker process
 * (`npm run worker`, role `worker`, beside a serving process with role `api`) and, for comparison, in the
 * serving process itself (role `all`, worker threads). For each: `predict` at 16 connections idle, then
 * while `trainAll` trains, as a share of that idle figure; plus the serving process's event-loop delay.
 * The worker runs at `server.worker_nice` (10), as `npm run worker` does; runs still training when the
 * load phase ends are cancelled. Its references, in the same run: loops at that priority, as many as its
 * training threads (busy-loops.ts), one that only spins and one that streams memory — what any work, and
 * memory-heavy work, on the other core costs serving here.
 * Both setups share one throwaway Postgres database (the embedded one serves a single process).
 */
import os from 'node:os';
import { loadConfig } from '../../src/config/load-config.js';
import { startBusyLoops } from './busy-loops.js';
import { createTable, formatMs as ms } from './format.js';
import { gql, type LoopDelay, scrapeLoopDelay, sleep, trainCategory, waitForRuns } from './http.js';
import { type LoadResult, runLoad } from './load.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { PREDICT_QUERY } from './serving.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

/** What the trainAll phase should reach: predict throughput as a share of idle (issue 11 item 5). */
const SHARE_AIM = 0.9;
/** Lets trainAll's first run get past its worker's start before the load is measured. */
const WARM_MS = 3000;

export interface TrainLoadOptions {
  /** A Postgres server URL to create the throwaway database on. @default the local one */
  databaseUrl?: string;
  category: string;
  series: number[];
  durationS: number;
  /** Epochs of every run trainAll queues. */
  epochs: number;
}

interface SetupResult {
  idle: LoadResult;
  idleLoop: LoopDelay;
  loaded: LoadResult;
  loadedLoop: LoopDelay;
  runs: number;
  /** trainAll start to its last run's end (cancelled after the load phase when still training). */
  trainingSeconds: number;
  /** Training ended before the load phase did: the phase also measured idle time. */
  endedEarly: boolean;
}

/** Runs both setups. `failed` says why part 2 could not run (the benchmark then exits non-zero). */
export async function measureTrainingLoad(
  options: TrainLoadOptions,
): Promise<{ table: string; notes: string[]; failed?: string }> {
  let database: TempDatabase | undefined;
  const started: { stop(): Promise<void> }[] = [];
  const loadBefore = formatLoad();
  try {
    try {
      database = await createTempDatabase(options.databaseUrl);
    } catch (error) {
      const failed = `part 2 needs Postgres for a separate worker and could not create a database: ${String(error)}`;
      return { table: '', notes: [failed], failed };
    }
    const api: ServerProcess = await startServerProcess({ databaseUrl: database.url, role: 'api' });
    started.push(api);
    const worker: WorkerProcess = await startWorkerProcess(api.projectEnv);
    started.push(worker);
    await trainCategory(api.graphqlUrl, options.category, 1); // trained by the worker
    const separate = await measureSetup(api, options);
    await worker.stop();
    const busy = [
      await measureBusyReference(api, options, 'spin'),
      await measureBusyReference(api, options, 'stream'),
    ];

    const all = await startServerProcess({ databaseUrl: database.url, role: 'all' });
    started.push(all);
    const inProcess = await measureSetup(all, options);
    return format(separate, inProcess, busy, options.epochs, `${loadBefore} → ${formatLoad()}`);
  } finally {
    for (const p of started.reverse()) await p.stop();
    await database?.drop();
  }
}

/** Predict on the API-only server while busy loops spin at the worker's priority (no training anywhere). */
async function measureBusyReference(
  server: ServerProcess,
  options: TrainLoadOptions,
  kind: 'spin' | 'stream',
) {
  const config = loadConfig(
    server.projectEnv as Parameters<typeof loadConfig>[0],
    server.projectEnv.CONFIG_PATH,
  );
  const threads = config.training.concurrency;
  const loops = startBusyLoops(threads, config.server.workerNice, kind);
  try {
    await sleep(500);
    const loaded = await runLoad({
      graphqlUrl: server.graphqlUrl,
      query: PREDICT_QUERY,
      variables: { category: options.category, series: options.series },
      connections: 16,
      durationS: options.durationS,
    });
    return { loaded, threads, nice: config.server.workerNice, kind };
  } finally {
    await loops.stop();
  }
}

async function measureSetup(server: ServerProcess, options: TrainLoadOptions): Promise<SetupResult> {
  const predict = {
    graphqlUrl: server.graphqlUrl,
    query: PREDICT_QUERY,
    variables: { category: options.category, series: options.series },
    connections: 16,
    durationS: options.durationS,
  };
  await runLoad({ ...predict, durationS: 2 }); // warm-up
  await scrapeLoopDelay(server.url);
  const idle = await runLoad(predict);
  const idleLoop = await scrapeLoopDelay(server.url);

  const start = performance.now();
  const { trainAll } = await gql<{ trainAll: { id: string }[] }>(
    server.graphqlUrl,
    'mutation ($e: Int) { trainAll(input: { epochs: $e }) { id } }',
    { e: options.epochs },
  );
  let trainingSeconds: number | undefined;
  const finished = waitForRuns(
    server.graphqlUrl,
    trainAll.map((r) => r.id),
  ).finally(() => (trainingSeconds = (performance.now() - start) / 1000));
  finished.catch(() => {}); // awaited below; only keeps an early failure from going unhandled
  await sleep(WARM_MS);
  await scrapeLoopDelay(server.url);
  const loaded = await runLoad({ ...predict, until: finished });
  const loadedLoop = await scrapeLoopDelay(server.url);
  const endedEarly = trainingSeconds !== undefined;
  // Training only has to outlast the load phase: what is still queued or training is cancelled.
  if (!endedEarly)
    await Promise.all(
      trainAll.map((r) =>
        gql(server.graphqlUrl, 'mutation ($id: ID!) { cancelRun(id: $id) { id } }', { id: r.id }).catch(
          () => undefined, // CONFLICT: it finished meanwhile
        ),
      ),
    );
  await finished;
  return {
    idle,
    idleLoop,
    loaded,
    loadedLoop,
    runs: trainAll.length,
    trainingSeconds: trainingSeconds!,
    endedEarly,
  };
}

function format(
  separate: SetupResult,
  inProcess: SetupResult,
  busy: { loaded: LoadResult; threads: number; nice: number; kind: 'spin' | 'stream' }[],
  epochs: number,
  load: string,
) {
  const table = createTable([
    'training in',
    'phase',
    's',
    'predict req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'share of idle',
    'loop p99 ms',
  ]);
  const rows = (label: string, r: SetupResult) => {
    const share = r.loaded.reqPerSec / r.idle.reqPerSec;
    for (const [phase, run, loop, ratio] of [
      ['idle', r.idle, r.idleLoop, ''],
      ['trainAll', r.loaded, r.loadedLoop, `${(share * 100).toFixed(0)} %`],
    ] as const)
      table.push([
        label,
        phase,
        run.seconds.toFixed(1),
        Math.round(run.reqPerSec),
        ms(run.p50Ms),
        ms(run.p99Ms),
        run.non2xx + run.errors,
        ratio,
        ms(loop.p99Ms),
      ]);
    return share;
  };
  const shareSeparate = rows('a worker process', separate);
  const shares = busy.map((ref) => {
    const share = ref.loaded.reqPerSec / separate.idle.reqPerSec;
    table.push([
      `${ref.threads} ${ref.kind === 'spin' ? 'spinning' : 'memory-streaming'} loop(s) at nice ${ref.nice} (reference)`,
      'no training',
      ref.loaded.seconds.toFixed(1),
      Math.round(ref.loaded.reqPerSec),
      ms(ref.loaded.p50Ms),
      ms(ref.loaded.p99Ms),
      ref.loaded.non2xx + ref.loaded.errors,
      `${(share * 100).toFixed(0)} %`,
      '',
    ]);
    return share;
  });
  const [shareSpin = 1, shareStream = 1] = shares;
  const shareInProcess = rows('the serving process', inProcess);
  const early = [separate, inProcess].some((r) => r.endedEarly)
    ? 'training ENDED before a load phase did (that phase also measured idle time): raise the epochs'
    : 'every trainAll phase ran entirely while training';
  return {
    table: table.toString(),
    notes: [
      `separate worker: ${(shareSeparate * 100).toFixed(0)} % of idle (aim ≥ ${SHARE_AIM * 100} %: ${shareSeparate >= SHARE_AIM ? 'met' : 'NOT met'}); at the worker's priority a spinning loop leaves ${(shareSpin * 100).toFixed(0)} % and a memory-streaming one ${(shareStream * 100).toFixed(0)} % (ceilings for work on the other core), so serving beside the worker reaches ${((shareSeparate / shareStream) * 100).toFixed(0)} % of the memory-streaming one; training in the serving process: ${(shareInProcess * 100).toFixed(0)} %.`,
      `trainAll: ${separate.runs} runs × ${epochs} epochs, cancelled once the load phase ended (${separate.trainingSeconds.toFixed(1)} s with the worker, ${inProcess.trainingSeconds.toFixed(1)} s in-process); ${early}.`,
      `${os.cpus().length} cores shared by the serving process, the training, and autocannon (in this process); load average ${load}.`,
    ],
  };
}

function formatLoad(): string {
  return os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
}
