/**
 * Part 5 of `data.bench.ts`: `trainAll` over the whole catalogue. Times the mutation (queueing every
 * category), then watches the runs for a window: runs finished per minute, the projected time for all,
 * beside the ceiling of `training.concurrency` runs at a time at the first run's duration; and whether
 * every finished run reached MLflow (the repo's contract-checking fake MLflow, as no real one runs here).
 */
import { gql } from '../api/http.js';

interface RunRow {
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  mlflowSync: string | null;
}

async function allRuns(graphqlUrl: string): Promise<RunRow[]> {
  const runs: RunRow[] = [];
  let after: string | null = null;
  do {
    const page: {
      runs: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: RunRow }[] };
    } = await gql(
      graphqlUrl,
      'query ($after: String) { runs(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { status startedAt finishedAt mlflowSync } } } }',
      { after },
    );
    runs.push(...page.runs.edges.map((e) => e.node));
    after = page.runs.pageInfo.hasNextPage ? page.runs.pageInfo.endCursor : null;
  } while (after);
  return runs;
}

export interface TrainAllResult {
  queued: number;
  queueMs: number;
  windowS: number;
  finished: number;
  perMinute: number;
  projectedMinutes: number;
  ceilingPerMinute: number;
  synced: number;
  syncedOf: number;
}

export async function measureTrainAll(
  graphqlUrl: string,
  options: { windowS: number; epochs: number; concurrency: number },
): Promise<TrainAllResult> {
  const started = performance.now();
  const { trainAll } = await gql<{ trainAll: { id: string }[] }>(
    graphqlUrl,
    'mutation ($e: Int) { trainAll(input: { epochs: $e }) { id } }',
    { e: options.epochs },
  );
  const queueMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, options.windowS * 1000));
  const runs = await allRuns(graphqlUrl);
  const done = runs.filter((r) => r.status === 'SUCCEEDED' && r.startedAt && r.finishedAt);
  const windowS = (performance.now() - started) / 1000;
  const perMinute = (done.length / windowS) * 60;
  const durations = done
    .map((r) => (Date.parse(r.finishedAt!) - Date.parse(r.startedAt!)) / 1000)
    .sort((a, b) => a - b);
  const median = durations[Math.floor(durations.length / 2)] ?? NaN;
  // Give the MLflow outbox a few seconds to send what the finished runs queued.
  await new Promise((r) => setTimeout(r, 10_000));
  const after = (await allRuns(graphqlUrl)).filter((r) => r.status === 'SUCCEEDED');
  return {
    queued: trainAll.length,
    queueMs,
    windowS,
    finished: done.length,
    perMinute,
    projectedMinutes: trainAll.length / perMinute,
    ceilingPerMinute: (options.concurrency * 60) / median,
    synced: after.filter((r) => r.mlflowSync === 'SYNCED').length,
    syncedOf: after.length,
  };
}
