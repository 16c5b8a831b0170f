/**
 * Small HTTP helpers of the API benchmark: a GraphQL POST that throws on errors, the server's own
 * event-loop delay read from its Prometheus `/metrics`, training through the API, and bounded waiting.
 * Used by the parts in this folder and by `api.bench.ts`.
 */

// prom-client's default event-loop metrics sample with monitorEventLoopDelay at this resolution (ms).
// Node records the whole interval between samples, so an idle loop reads ≈ this value, not 0.
const LOOP_SAMPLING_MS = 10;
const PREFIX = 'sales_forecast_';

/** POSTs an operation and returns `data`. @throws on a non-2xx status or any GraphQL error. */
export async function gql<T>(graphqlUrl: string, query: string, variables?: object): Promise<T> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!response.ok || body.errors?.length || !body.data)
    throw new Error(`${response.status}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  return body.data;
}

/** Event-loop delay since the previous scrape (prom-client resets its histogram on every scrape). */
export interface LoopDelay {
  /** p99 of the delay beyond the sampling interval, ms. */
  p99Ms: number;
  maxMs: number;
}

/** Fetches `/metrics` and returns a reader of its unlabelled samples (NaN when a metric is absent). */
async function scrapeMetrics(baseUrl: string): Promise<(name: string) => number> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return (name) => Number(new RegExp(`^${PREFIX}${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}

/**
 * The event-loop delay the server measured since the previous scrape.
 * @throws when /metrics lacks prom-client's default event-loop metrics.
 */
export async function scrapeLoopDelay(baseUrl: string): Promise<LoopDelay> {
  const read = await scrapeMetrics(baseUrl);
  const delayMs = (name: string) => {
    const seconds = read(name);
    if (Number.isNaN(seconds)) throw new Error(`/metrics has no ${PREFIX}${name}`);
    return Math.max(0, seconds * 1000 - LOOP_SAMPLING_MS);
  };
  return {
    p99Ms: delayMs('nodejs_eventloop_lag_p99_seconds'),
    maxMs: delayMs('nodejs_eventloop_lag_max_seconds'),
  };
}

/** Reads one unlabelled gauge of the server's `/metrics` (NaN when absent). */
export async function scrapeGauge(baseUrl: string, name: string): Promise<number> {
  return (await scrapeMetrics(baseUrl))(name);
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` every `everyMs` until it returns a value other than undefined.
 * @throws naming `what` after `timeoutMs`.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 120_000, everyMs = 250 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** Waits until every run has finished; resolves with their statuses. */
export function waitForRuns(graphqlUrl: string, ids: string[], timeoutMs = 180_000): Promise<string[]> {
  const query = 'query ($id: ID!) { run(id: $id) { status } }';
  return waitFor(
    `runs ${ids.join(', ')} to finish`,
    async () => {
      const runs = await Promise.all(
        ids.map((id) => gql<{ run: { status: string } | null }>(graphqlUrl, query, { id })),
      );
      const statuses = runs.map((r) => r.run?.status ?? 'MISSING');
      return statuses.every((s) => FINISHED.includes(s)) ? statuses : undefined;
    },
    { timeoutMs, everyMs: 500 },
  );
}

/** Trains one category through the `train` mutation and waits for it. @returns the run id. */
export async function trainCategory(graphqlUrl: string, category: string, epochs: number): Promise<string> {
  const { train } = await gql<{ train: { id: string }[] }>(
    graphqlUrl,
    'mutation ($c: String!, $e: Int) { train(input: { categories: [$c], epochs: $e }) { id } }',
    { c: category, e: epochs },
  );
  const id = train[0]!.id;
  const [status] = await waitForRuns(graphqlUrl, [id]);
  if (status !== 'SUCCEEDED') throw new Error(`training ${category} ended ${status}`);
  return id;
}
