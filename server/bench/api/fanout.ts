/**
 * Part 3 of `api.bench.ts`: subscription fan-out, ours beside a bare graphql-ws server measured in the
 * same run. N graphql-ws subscribers (in this process; each server is a child) watch `trainingProgress`.
 * Ours: one run trains a few epochs, and a delivery's latency is its client's receive time minus the
 * epoch's end as stored (`EpochMetric.createdAt`, written right after the worker reports the epoch and
 * before the event is published). The reference (`bare-ws-child.ts`): the same document, an epoch event
 * published as often as ours came, latency from its publish time. Same clients, one after the other.
 */
import { createTable, formatMs, percentile } from './format.js';
import { gql, scrapeGauge, waitFor, waitForRuns } from './http.js';
import { startBareServer } from './bare-ws-server.js';
import type { PhaseProfiler } from './phase-profiler.js';
import type { ProfiledProcess } from './profiled-child.js';
import type { ServerProcess } from './server-process.js';
import { connectSubscribers, type ProgressEvent } from './subscribers.js';

export interface FanoutOptions {
  server: ServerProcess;
  category: string;
  subscribers: number;
  epochs: number;
  /** `--profile`: each server profiled from its run's start until the last subscriber has the final status. */
  profiler?: PhaseProfiler;
}

/** One server under test: where to connect, how many it registered, and one run of it. */
interface Target {
  /** The phase's name in the profile printout. */
  name: string;
  wsUrl: string;
  profiled: ProfiledProcess;
  registered(): Promise<number>;
  run(): Promise<{ runId: string; status: string; ends: Map<number, number> }>;
}

interface Measured {
  latencies: number[];
  expected: number;
  received: number;
  lost: number;
  dup: number;
  epochs: number;
  gapMs: number;
  note: string;
}

const REFERENCE_GAP_MS = 200;

/**
 * Measures ours, then the bare reference at the ours' epoch spacing. @returns the table and notes;
 * `referenceFailed` says why the reference could not run (the table then has our row only).
 */
export async function measureFanout(
  options: FanoutOptions,
): Promise<{ table: string; notes: string[]; referenceFailed?: string }> {
  const { server, subscribers: n } = options;
  const ours = await measureTarget(n, options.profiler, {
    name: `fan-out to ${n} subscribers, ours`,
    wsUrl: server.wsUrl,
    profiled: server.profiler,
    registered: () => scrapeGauge(server.url, 'graphql_live_subscriptions'),
    run: async () => {
      const { train } = await gql<{ train: { id: string }[] }>(
        server.graphqlUrl,
        'mutation ($c: String!, $e: Int) { train(input: { categories: [$c], epochs: $e }) { id } }',
        { c: options.category, e: options.epochs },
      );
      const runId = train[0]!.id;
      const [status] = await waitForRuns(server.graphqlUrl, [runId]);
      return { runId, status: status!, ends: await server.epochTimes(runId) };
    },
  });
  const gapMs = Number.isFinite(ours.gapMs) ? Math.round(ours.gapMs) : REFERENCE_GAP_MS;
  let bare: Measured | undefined;
  let referenceFailed: string | undefined;
  const reference = await startBareServer().catch((error: Error) => void (referenceFailed = error.message));
  if (reference) {
    try {
      bare = await measureTarget(n, options.profiler, {
        name: `fan-out to ${n} subscribers, bare graphql-ws`,
        wsUrl: reference.wsUrl,
        profiled: reference.profiler,
        registered: () => reference.subscriberCount(),
        run: async () => ({ status: 'SUCCEEDED', ...(await reference.train(options.epochs, gapMs)) }),
      });
    } catch (error) {
      referenceFailed = (error as Error).message;
    } finally {
      await reference.stop();
    }
  }
  const table = createTable([
    ...['server', 'subscribers', 'epochs', 'expected', 'received', 'lost', 'dup'],
    ...['min ms', 'p50 ms', 'p99 ms', 'max ms', 'p99 / bare p99'],
  ]);
  const bareP99 = bare ? percentile(bare.latencies, 99) : NaN;
  const row = (name: string, m: Measured) => [
    name,
    n,
    m.epochs,
    m.expected,
    m.received,
    m.lost,
    m.dup,
    ...[m.latencies[0] ?? NaN, percentile(m.latencies, 50), percentile(m.latencies, 99)].map(formatMs),
    formatMs(m.latencies.at(-1) ?? NaN),
    bare ? (percentile(m.latencies, 99) / bareP99).toFixed(2) : '-',
  ];
  table.push(row('ours (trainingProgress)', ours));
  if (bare) table.push(row('bare graphql-ws 6 (same run)', bare));
  return {
    table: table.toString(),
    referenceFailed,
    notes: [
      `ours: ${ours.note}`,
      bare ? `bare: ${bare.note}` : `reference could not run: bare graphql-ws server: ${referenceFailed}`,
      'latency = client Date.now() at receipt − the epoch end (ours: EpochMetric.createdAt, before publishing; bare: publish time); same machine, same clock.',
      `the bare server publishes an epoch every ${gapMs} ms (ours' mean spacing in this run), to the same ${n} clients' document; it has no auth, limits, replay or database.`,
    ],
  };
}

/** Connects n clients to the target, runs it, collects and disposes every client, even on failure. */
async function measureTarget(
  n: number,
  profiler: PhaseProfiler | undefined,
  target: Target,
): Promise<Measured> {
  const events: { client: number; event: ProgressEvent; receivedAt: number }[] = [];
  const connectStart = performance.now();
  const subs = await connectSubscribers(target.wsUrl, n, (client, event, receivedAt) =>
    events.push({ client, event, receivedAt }),
  );
  try {
    await waitFor(
      'the server to register every subscription',
      async () => ((await target.registered()) >= n ? true : undefined),
      { timeoutMs: 60_000 },
    );
    const connectSeconds = (performance.now() - connectStart) / 1000;
    const terminal = (run: { runId: string; status: string }) =>
      events.filter((e) => e.event.runId === run.runId && e.event.status === run.status).length;
    const observe = async () => {
      // The clients' own CPU time bounds how much of the latency is theirs rather than the server's.
      const cpuBefore = process.cpuUsage();
      const run = await target.run();
      // Stragglers: bounded, and whatever has not arrived by then counts as lost.
      await waitFor(
        'the final status at every subscriber',
        async () => (terminal(run) >= n ? true : undefined),
        { timeoutMs: 15_000 },
      ).catch(() => undefined);
      return { ...run, cpu: process.cpuUsage(cpuBefore) };
    };
    const { runId, status, ends, cpu } = await (profiler
      ? profiler.around(target.name, target.profiled, observe)
      : observe());
    const deliveries = events.filter(
      (e) => e.event.runId === runId && e.event.type === 'EPOCH' && e.event.epoch !== null,
    );
    const unique = new Set(deliveries.map((d) => `${d.client}:${d.event.epoch}`)).size;
    const latencies = deliveries
      .map((d) => d.receivedAt - (ends.get(d.event.epoch!) ?? NaN))
      .filter((v) => Number.isFinite(v))
      .sort((a, b) => a - b);
    const times = [...ends.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
    const gapMs = times.length > 1 ? (times.at(-1)! - times[0]!) / (times.length - 1) : NaN;
    const spreads = [...ends.keys()].map((epoch) => {
      const at = deliveries.filter((d) => d.event.epoch === epoch).map((d) => d.receivedAt);
      return at.length ? Math.max(...at) - Math.min(...at) : NaN;
    });
    const spreadMs = spreads.reduce((a, b) => a + b, 0) / spreads.length;
    const cpuPerDeliveryUs = (cpu.user + cpu.system) / Math.max(1, deliveries.length);
    return {
      latencies,
      expected: n * ends.size,
      received: deliveries.length,
      lost: n * ends.size - unique,
      dup: deliveries.length - unique,
      epochs: ends.size,
      gapMs,
      note:
        `run ${status}; ${n} subscribers registered in ${connectSeconds.toFixed(1)} s; subscription errors ${subs.failures()}; ` +
        `final status seen by ${terminal({ runId, status })} of ${n}; epochs ${formatMs(gapMs)} ms apart; per epoch the last subscriber got it ` +
        `${formatMs(spreadMs)} ms after the first; the clients used ${cpuPerDeliveryUs.toFixed(0)} µs of CPU per delivery ` +
        `(${formatMs((cpuPerDeliveryUs * n) / 1000)} ms per epoch for all).`,
    };
  } finally {
    await subs.dispose();
  }
}
