/**
 * Part 3 of `api.bench.ts`: subscription fan-out. N graphql-ws subscribers (in this process, the server
 * being a child) watch `trainingProgress`, one run trains a few epochs, and each EPOCH delivery's latency
 * is its client's receive time minus the epoch's end as stored in the database (`EpochMetric.createdAt`,
 * written right after the worker reports the epoch and before the event is published).
 */
import { createTable, formatMs, percentile } from './format.js';
import { gql, scrapeGauge, waitFor, waitForRuns } from './http.js';
import { FANOUT_P99_MS } from './reference.js';
import type { ServerProcess } from './server-process.js';
import { connectSubscribers, type ProgressEvent } from './subscribers.js';

export interface FanoutOptions {
  server: ServerProcess;
  category: string;
  subscribers: number;
  epochs: number;
}

interface Delivery {
  client: number;
  epoch: number;
  receivedAt: number;
}

/** Connects, trains, collects and disposes every client, even on failure. */
export async function measureFanout(options: FanoutOptions): Promise<{ table: string; notes: string[] }> {
  const { server, subscribers: n } = options;
  const events: { client: number; event: ProgressEvent; receivedAt: number }[] = [];
  const connectStart = performance.now();
  const subs = await connectSubscribers(server.wsUrl, n, (client, event, receivedAt) =>
    events.push({ client, event, receivedAt }),
  );
  try {
    // Subscribed on the server, not only connected: its gauge counts live hub subscriptions.
    await waitFor(
      'the server to register every subscription',
      async () => ((await scrapeGauge(server.url, 'graphql_live_subscriptions')) >= n ? true : undefined),
      { timeoutMs: 60_000 },
    );
    const connectSeconds = (performance.now() - connectStart) / 1000;

    // The clients' own CPU time bounds how much of the latency is theirs rather than the server's.
    const cpuBefore = process.cpuUsage();
    const { train } = await gql<{ train: { id: string }[] }>(
      server.graphqlUrl,
      'mutation ($c: String!, $e: Int) { train(input: { categories: [$c], epochs: $e }) { id } }',
      { c: options.category, e: options.epochs },
    );
    const runId = train[0]!.id;
    const [status] = await waitForRuns(server.graphqlUrl, [runId]);
    const terminal = () => events.filter((e) => e.event.runId === runId && e.event.status === status).length;
    // Stragglers: bounded, and whatever has not arrived by then counts as lost.
    await waitFor('the final status at every subscriber', async () => (terminal() >= n ? true : undefined), {
      timeoutMs: 15_000,
    }).catch(() => undefined);
    const cpu = process.cpuUsage(cpuBefore);
    const failures = subs.failures();
    const ends = await server.epochTimes(runId);
    const deliveries: Delivery[] = events
      .filter((e) => e.event.runId === runId && e.event.type === 'EPOCH' && e.event.epoch !== null)
      .map((e) => ({ client: e.client, epoch: e.event.epoch!, receivedAt: e.receivedAt }));
    const summary = summarise(n, deliveries, ends);
    const cpuPerDeliveryUs = (cpu.user + cpu.system) / Math.max(1, deliveries.length);
    return {
      table: summary.table,
      notes: [
        `run ${status}; ${n} subscribers connected and registered in ${connectSeconds.toFixed(1)} s; subscription errors: ${failures}; final status seen by ${terminal()} of ${n}.`,
        'latency = client Date.now() at receipt − EpochMetric.createdAt of that epoch (server clock = client clock: same machine); it leaves out the worker→main-thread hop before the write.',
        `one event per epoch, ${formatMs(summary.gapMs)} ms apart here (the reference: every 200 ms); per epoch, the last subscriber got it ${formatMs(summary.spreadMs)} ms after the first (mean).`,
        `the clients (this process) used ${cpuPerDeliveryUs.toFixed(0)} µs of CPU per delivery, ${formatMs((cpuPerDeliveryUs * n) / 1000)} ms per epoch for all ${n}.`,
      ],
    };
  } finally {
    await subs.dispose();
  }
}

/** Latency percentiles, losses and duplicates of the deliveries, as a table. */
function summarise(n: number, deliveries: Delivery[], ends: Map<number, number>) {
  const unique = new Set(deliveries.map((d) => `${d.client}:${d.epoch}`)).size;
  const latencies = deliveries
    .map((d) => d.receivedAt - (ends.get(d.epoch) ?? NaN))
    .filter((v) => Number.isFinite(v))
    .sort((a, b) => a - b);
  const expected = n * ends.size;
  const times = [...ends.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
  const gapMs = times.length > 1 ? (times.at(-1)! - times[0]!) / (times.length - 1) : NaN;
  const spreads = [...ends.keys()].map((epoch) => {
    const at = deliveries.filter((d) => d.epoch === epoch).map((d) => d.receivedAt);
    return at.length ? Math.max(...at) - Math.min(...at) : NaN;
  });
  const spreadMs = spreads.reduce((a, b) => a + b, 0) / spreads.length;

  const table = createTable([
    ...['subscribers', 'epochs', 'expected', 'received', 'lost', 'dup'],
    ...['min ms', 'p50 ms', 'p99 ms', 'max ms', 'reference p99 ms'],
  ]);
  const reference = FANOUT_P99_MS[n];
  table.push([
    n,
    ends.size,
    expected,
    deliveries.length,
    expected - unique,
    deliveries.length - unique,
    ...[
      latencies[0] ?? NaN,
      percentile(latencies, 50),
      percentile(latencies, 99),
      latencies.at(-1) ?? NaN,
    ].map(formatMs),
    reference === undefined ? '- (measured at 1,000 / 5,000 / 10,000)' : `${reference} (graphql-ws 6, ${n})`,
  ]);
  return { table: table.toString(), gapMs, spreadMs };
}
