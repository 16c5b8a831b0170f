/**
 * `npm run bench:soak [-- --duration 60 --subscribers 1000 --database-url URL]`: holds N graphql-ws
 * subscriptions, predict load (autocannon, 16 connections) and a trainAll for the duration, then lets the
 * clients go and prints the server's RSS, heap and live subscriptions before, during and after, each with
 * its ratio to the baseline measured at the start of the same run (the aim: back to it once the clients
 * have left); each reading follows a full garbage collection in the server. The server runs in a child
 * process (bench/api/server-process.ts, with --expose-gc), removed at the end.
 */
import { parseArgs } from 'node:util';
import { parsePositiveInt, runCli } from '../src/cli/run-cli.js';
import { createTable, formatInt } from './api/format.js';
import { gql, scrapeGauge, sleep, trainCategory, waitFor } from './api/http.js';
import { runLoad } from './api/load.js';
import { startServerProcess, type ServerProcess } from './api/server-process.js';
import { PREDICT_QUERY } from './api/serving.js';
import { connectSubscribers } from './api/subscribers.js';

const USAGE = `usage: npm run bench:soak [-- options]
  --duration S        seconds of load (default 60)
  --subscribers N     graphql-ws subscribers held during the load (default 1000)
  --database-url URL  use this Postgres instead of the embedded database`;
const SETTLE_MS = 10_000;
const TRAIN_ALL_EPOCHS = 5;

interface Reading {
  phase: string;
  rssMb: number;
  heapMb: number;
  subscriptions: number;
}

let server: ServerProcess | undefined;
process.once('SIGINT', () => {
  process.stderr.write('\ninterrupted: stopping the server and removing its temp dir\n');
  void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
});

async function read(phase: string, url: string): Promise<Reading> {
  await server!.collectGarbage(); // what is still referenced, not what the collector has yet to visit
  const mb = async (name: string) => (await scrapeGauge(url, name)) / 2 ** 20;
  return {
    phase,
    rssMb: await mb('process_resident_memory_bytes'),
    heapMb: await mb('nodejs_heap_size_used_bytes'),
    subscriptions: await scrapeGauge(url, 'graphql_live_subscriptions'),
  };
}

runCli(async () => {
  const { values: flags } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      subscribers: { type: 'string', default: '1000' },
      'database-url': { type: 'string' },
    },
  });
  const durationS = parsePositiveInt('duration', flags.duration, 3600)!;
  const count = parsePositiveInt('subscribers', flags.subscribers, 20_000)!;
  server = await startServerProcess({ databaseUrl: flags['database-url'] });
  try {
    const { url, graphqlUrl, wsUrl } = server;
    const { categories } = await gql<{ categories: { name: string }[] }>(
      graphqlUrl,
      '{ categories { name } }',
    );
    const category = categories[0]!.name;
    await trainCategory(graphqlUrl, category, 1); // a model for predict
    const { series } = await gql<{ series: { points: { value: number }[] } }>(
      graphqlUrl,
      'query ($c: String!) { series(category: $c) { points { value } } }',
      { c: category },
    );
    const values = series.points.slice(-14).map((p) => p.value);
    await sleep(SETTLE_MS);
    const readings = [await read('baseline (idle, model loaded)', url)];

    console.log(`soak: ${count} subscribers + predict load (16 conn) + trainAll, ${durationS} s`);
    let events = 0;
    const subscribers = await connectSubscribers(wsUrl, count, () => void events++);
    const { trainAll } = await gql<{ trainAll: { id: string }[] }>(
      graphqlUrl,
      `mutation { trainAll(input: { epochs: ${TRAIN_ALL_EPOCHS} }) { id } }`,
    );
    const load = await runLoad({
      graphqlUrl,
      query: PREDICT_QUERY,
      variables: { category, series: values },
      connections: 16,
      durationS,
    });
    readings.push(await read(`under load (${count} subscribers)`, url));
    const failures = subscribers.failures();
    await subscribers.dispose();
    for (const { id } of trainAll)
      await gql(graphqlUrl, 'mutation ($id: ID!) { cancelRun(id: $id) { id } }', { id }).catch(
        () => undefined,
      );
    await waitFor('every subscription to be released', async () =>
      (await scrapeGauge(url, 'graphql_live_subscriptions')) === 0 ? true : undefined,
    );
    await sleep(SETTLE_MS);
    readings.push(await read(`after the clients left (+${SETTLE_MS / 1000} s)`, url));

    const [baseline] = readings;
    const table = createTable([
      'phase',
      'RSS MB',
      '× baseline',
      'heap used MB',
      '× baseline',
      'live subscriptions',
    ]);
    for (const r of readings)
      table.push([
        r.phase,
        r.rssMb.toFixed(0),
        (r.rssMb / baseline!.rssMb).toFixed(2),
        r.heapMb.toFixed(0),
        (r.heapMb / baseline!.heapMb).toFixed(2),
        formatInt(r.subscriptions),
      ]);
    console.log(table.toString());
    console.log(
      `  predict: ${formatInt(load.requests)} requests, ${load.reqPerSec.toFixed(0)} req/s, p99 ${load.p99Ms} ms, non-2xx ${load.non2xx}, errors ${load.errors}`,
    );
    console.log(`  subscriptions: ${formatInt(events)} events delivered, ${failures} failures`);
  } finally {
    await server.stop();
  }
}, USAGE);
