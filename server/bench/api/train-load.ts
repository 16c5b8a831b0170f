/**
 * Part 2 of `api.bench.ts`: what training does to serving. The server's event-loop delay (its own
 * /metrics) idle, then while `trainAll` trains with no other requests, then while it trains under
 * `predict` load at 16 connections, whose latency is set beside part 1's run without training.
 */
import { createTable, formatMs as ms } from './format.js';
import { gql, type LoopDelay, scrapeLoopDelay, sleep, waitForRuns } from './http.js';
import { type LoadResult, runLoad } from './load.js';
import { LOOP_P99_TRAINING_IN_WORKER_MS } from './reference.js';
import { PREDICT_QUERY } from './serving.js';

const QUIET_MS = 4000;

export interface TrainLoadOptions {
  url: string;
  graphqlUrl: string;
  category: string;
  series: number[];
  durationS: number;
  /** Epochs of every run trainAll queues. */
  epochs: number;
  /** predict at 16 connections without training (part 1), or undefined when part 1 was skipped. */
  baseline?: LoadResult;
}

/** Runs the three phases; the load phase ends early when training does, so it never measures idle time. */
export async function measureTrainingLoad(
  options: TrainLoadOptions,
): Promise<{ table: string; notes: string[] }> {
  const { url, graphqlUrl } = options;
  await scrapeLoopDelay(url);
  await sleep(QUIET_MS);
  const idle = await scrapeLoopDelay(url);

  const started = performance.now();
  const { trainAll } = await gql<{ trainAll: { id: string }[] }>(
    graphqlUrl,
    'mutation ($e: Int) { trainAll(input: { epochs: $e }) { id } }',
    { e: options.epochs },
  );
  let trainingSeconds: number | undefined;
  const finished = waitForRuns(
    graphqlUrl,
    trainAll.map((r) => r.id),
  ).finally(() => {
    trainingSeconds = (performance.now() - started) / 1000;
  });
  finished.catch(() => {}); // awaited below; only keeps an early failure from going unhandled

  await Promise.race([sleep(QUIET_MS), finished]);
  const quiet = await scrapeLoopDelay(url);
  const quietDone = trainingSeconds !== undefined;
  const load = await runLoad({
    graphqlUrl,
    query: PREDICT_QUERY,
    variables: { category: options.category, series: options.series },
    connections: 16,
    durationS: options.durationS,
    until: finished,
  });
  const loaded = await scrapeLoopDelay(url);
  const loadDone = trainingSeconds !== undefined;
  const statuses = await finished;

  const table = createTable([
    'phase',
    's',
    'loop p99 ms',
    'loop max ms',
    'predict req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'reference',
  ]);
  const row = (phase: string, s: number, loop: LoopDelay | undefined, run?: LoadResult, ref = '') =>
    table.push([
      phase,
      s.toFixed(1),
      loop ? ms(loop.p99Ms) : '-',
      loop ? ms(loop.maxMs) : '-',
      run ? Math.round(run.reqPerSec) : '-',
      run ? ms(run.p50Ms) : '-',
      run ? ms(run.p99Ms) : '-',
      run ? run.non2xx + run.errors : '-',
      ref,
    ]);
  row('idle, before training', QUIET_MS / 1000, idle);
  row(
    'trainAll, no requests',
    QUIET_MS / 1000,
    quiet,
    undefined,
    `loop p99 ${LOOP_P99_TRAINING_IN_WORKER_MS} ms (training in a Worker)`,
  );
  row('trainAll + predict @16', load.seconds, loaded, load);
  if (options.baseline)
    row('predict @16, no training (part 1)', options.baseline.seconds, undefined, options.baseline);

  const overlap =
    quietDone || loadDone
      ? 'training ENDED before a phase did: that phase also measured idle time'
      : 'both phases ran entirely while training';
  const counts = statuses.reduce<Record<string, number>>(
    (acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }),
    {},
  );
  return {
    table: table.toString(),
    notes: [
      `trainAll: ${trainAll.length} runs × ${options.epochs} epochs (${Object.entries(counts)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ')}) in ${trainingSeconds?.toFixed(1)} s; ${overlap}.`,
      "loop = the server's event-loop delay from its /metrics (prom-client, monitorEventLoopDelay, reset per scrape), less the 10 ms sampling interval; errors = non-2xx + socket errors + GraphQL-error bodies.",
    ],
  };
}
