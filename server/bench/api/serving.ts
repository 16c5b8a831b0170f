/**
 * Part 1 of `api.bench.ts`: `predict` throughput and latency under autocannon at 16 and 64 connections,
 * and the ceiling of the stack itself (`{ __typename }` through the same Express + Apollo + graphql-armor
 * path) at 16, all in this run, beside the FastAPI reference. Also the server's event-loop delay per run,
 * read from its /metrics, to show where the time goes.
 */
import { type LoadResult, runLoad } from './load.js';
import { createTable, formatInt as int, formatMs as ms } from './format.js';
import { scrapeLoopDelay } from './http.js';
import type { PhaseProfiler } from './phase-profiler.js';
import type { ProfiledProcess } from './profiled-child.js';
import { CEILING_AIM, FASTAPI_PREDICT, STACK_CEILING } from './reference.js';

/** The measured operation: one forecast of one day from the category's last 14 daily values. */
export const PREDICT_QUERY =
  'mutation Predict($category: String!, $series: [Float!]!) { predict(input: { category: $category, series: $series, horizon: 1 }) { values lower upper } }';
const CEILING_QUERY = '{ __typename }';
const WARM_UP_S = 3;

export interface ServingOptions {
  url: string;
  graphqlUrl: string;
  category: string;
  series: number[];
  durationS: number;
  /** `--profile`: the server profiled during each measured run (not the warm-ups). */
  profile?: { profiler: PhaseProfiler; server: ProfiledProcess };
}

export interface ServingResult {
  table: string;
  notes: string[];
  /** predict at 16 connections without training: the baseline of part 2. */
  predict16: LoadResult;
}

/** Runs the warm-ups and the three measured runs, one after another. */
export async function measureServing(options: ServingOptions): Promise<ServingResult> {
  const predict = { query: PREDICT_QUERY, variables: { category: options.category, series: options.series } };
  const load = async (
    op: { query: string; variables?: object },
    connections: number,
    durationS: number,
    phase?: string,
  ) => {
    await scrapeLoopDelay(options.url); // resets the server's histogram
    const run = () => runLoad({ graphqlUrl: options.graphqlUrl, ...op, connections, durationS });
    const { profile } = options;
    const result = await (phase && profile ? profile.profiler.around(phase, profile.server, run) : run());
    return { result, loop: await scrapeLoopDelay(options.url) };
  };
  // JIT, the model cache and the connection pools settle before anything is measured.
  await load({ query: CEILING_QUERY }, 16, WARM_UP_S);
  await load(predict, 16, WARM_UP_S);

  const ceiling = await load({ query: CEILING_QUERY }, 16, options.durationS, 'ceiling, 16 connections');
  const p16 = await load(predict, 16, options.durationS, 'predict, 16 connections');
  const p64 = await load(predict, 64, options.durationS, 'predict, 64 connections');

  const table = createTable([
    'operation',
    'conn',
    'req/s',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    'errors',
    'loop p99 ms',
    'reference',
  ]);
  const row = (name: string, conn: number, run: Awaited<ReturnType<typeof load>>, reference: string) =>
    table.push([
      name,
      conn,
      int(run.result.reqPerSec),
      ms(run.result.p50Ms),
      ms(run.result.p99Ms),
      run.result.non2xx,
      run.result.errors,
      ms(run.loop.p99Ms),
      reference,
    ]);
  const fastapi = `FastAPI in memory: ${int(FASTAPI_PREDICT.reqPerSec)} req/s, p50 ${FASTAPI_PREDICT.p50Ms}, p99 ${FASTAPI_PREDICT.p99Ms} (16 conn)`;
  row(
    'ceiling { __typename }',
    16,
    ceiling,
    `Apollo+Express: ${int(STACK_CEILING.reqPerSec)} req/s, p99 ${STACK_CEILING.p99Ms}`,
  );
  row('predict (14 values, horizon 1)', 16, p16, fastapi);
  row('predict (14 values, horizon 1)', 64, p64, fastapi);

  const share = p16.result.reqPerSec / ceiling.result.reqPerSec;
  const verdict = share >= CEILING_AIM ? 'meets' : 'BELOW';
  return {
    table: table.toString(),
    notes: [
      `predict at 16 connections = ${(share * 100).toFixed(0)} % of the ceiling measured in this run (${verdict} the aim of ≥ ${CEILING_AIM * 100} %); ${(p16.result.reqPerSec / FASTAPI_PREDICT.reqPerSec).toFixed(1)}× the FastAPI reference.`,
      `${options.durationS} s per run after ${WARM_UP_S} s warm-ups; errors = socket errors + timeouts + 200 bodies carrying GraphQL errors; loop p99 = the server's event-loop delay p99 during the run (its /metrics, less the 10 ms sampling interval).`,
    ],
    predict16: p16.result,
  };
}
