import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, gql, type TestServer } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';
import { collect, createWsTestClient } from '../utils/ws-test-client.js';

const PROGRESS = `subscription ($runId: ID, $category: String) {
  trainingProgress(runId: $runId, category: $category) { runId category type status epoch totalEpochs trainLoss valLoss elapsedMs }
}`;

interface Event {
  runId: string;
  type: 'EPOCH' | 'STATUS';
  status: string;
  epoch: number | null;
  totalEpochs: number;
  trainLoss: number | null;
}
const terminal = (e: Event) => e.type === 'STATUS' && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(e.status);

describe('training flow over HTTP and graphql-ws', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('should list categories with data statistics', async () => {
    const res = await gql<{
      categories: { name: string; days: number; firstDate: string | null; activeModel: unknown }[];
    }>(server, '{ categories { name days firstDate lastDate total activeModel { id } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.categories.map((c) => c.name)).toEqual(['Beauty', 'Clothing', 'Toys']);
    expect(res.data!.categories[0]).toMatchObject({ days: 240, firstDate: '2024-01-01', activeModel: null });
    expect(res.data!.categories[2]).toMatchObject({ days: 0, firstDate: null });
  });

  it('should read a series with a rolling average in a date range', async () => {
    const res = await gql<{
      series: { points: { date: string; value: number; rollingAverage: number | null }[] };
    }>(
      server,
      '{ series(category: "Beauty", from: "2024-02-01", to: "2024-02-10", rollingWindow: 3) { points { date value rollingAverage } } }',
    );
    const points = res.data!.series.points;
    expect(points).toHaveLength(10);
    expect(points[0]!.date).toBe('2024-02-01');
    const all = await gql<{ series: { points: { value: number }[] } }>(
      server,
      '{ series(category: "Beauty") { points { value } } }',
    );
    const values = all.data!.series.points.map((p) => p.value);
    const i = 31; // 2024-02-01
    expect(points[0]!.rollingAverage).toBeCloseTo((values[i - 2]! + values[i - 1]! + values[i]!) / 3, 6);
  });

  it('should stream 3 EPOCH events and the status changes in order, then predict with the new model', async () => {
    const client = createWsTestClient(server.wsUrl);
    const subscribed = collect<{ trainingProgress: Event }>(
      client,
      PROGRESS,
      (p) => terminal(p.data!.trainingProgress),
      {
        variables: { category: 'Beauty' },
      },
    );
    await new Promise((r) => setTimeout(r, 300)); // let the subscription reach the server before training starts
    const train = await gql<{ train: { id: string; status: string }[] }>(
      server,
      'mutation { train(input: { categories: ["Beauty"], epochs: 3 }) { id status category } }',
    );
    expect(train.errors).toBeUndefined();
    const [run] = train.data!.train;
    expect(run!.status).toBe('QUEUED');
    // Candidate events (the run's one family started / backtested) are checked in model-families.test.ts.
    const events = (await subscribed)
      .map((p) => p.data!.trainingProgress)
      .filter((e) => e.type === 'EPOCH' || e.type === 'STATUS');
    await client.dispose();
    expect(events.map((e) => (e.type === 'EPOCH' ? `EPOCH ${e.epoch}` : e.status))).toEqual([
      'RUNNING',
      'EPOCH 1',
      'EPOCH 2',
      'EPOCH 3',
      'SUCCEEDED',
    ]);
    expect(events.every((e) => e.runId === run!.id && e.totalEpochs === 3)).toBe(true);

    const stored = await gql<{
      run: {
        status: string;
        epochs: { epoch: number }[];
        metrics: { mae: number; seasonalNaiveMae: number };
        modelVersion: { id: string; active: boolean };
      };
    }>(
      server,
      `{ run(id: "${run!.id}") { status tfBackend epochs { epoch trainLoss } metrics { mae seasonalNaiveMae mase } modelVersion { id active plotUrl intervalCoverage intervalValidationCoverage } } }`,
    );
    expect(stored.data!.run.status).toBe('SUCCEEDED');
    expect(stored.data!.run.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(stored.data!.run.modelVersion.active).toBe(true);
    expect(stored.data!.run.modelVersion).toMatchObject({ intervalCoverage: 0.9 });

    const series = Array.from({ length: 14 }, (_, i) => 500 + 10 * i);
    const predicted = await gql<{
      predict: { modelVersionId: string; values: number[]; lower: number[]; upper: number[] };
    }>(
      server,
      'mutation ($s: [Float!]!) { predict(input: { category: "Beauty", series: $s, horizon: 4 }) { modelVersionId values lower upper dates } }',
      { s: series },
    );
    expect(predicted.errors).toBeUndefined();
    expect(predicted.data!.predict.modelVersionId).toBe(stored.data!.run.modelVersion.id);
    expect(predicted.data!.predict.values).toHaveLength(4);
    predicted.data!.predict.values.forEach((v, i) => {
      expect(Number.isFinite(v)).toBe(true);
      expect(predicted.data!.predict.lower[i]).toBeLessThan(v);
    });
    const plot = await fetch(`${server.url}/plots/${stored.data!.run.modelVersion.id}.png`);
    expect(plot.headers.get('content-type')).toBe('image/png');
  });

  it('should replay stored epochs to a late subscriber, then the live ones, without gaps or duplicates', async () => {
    const train = await gql<{ train: { id: string }[] }>(
      server,
      'mutation { train(input: { categories: ["Clothing"], epochs: 6, batchSize: 4 }) { id } }',
    );
    const runId = train.data!.train[0]!.id;
    // Join once at least two epochs are stored.
    await waitForValue(
      () => server.prisma.epochMetric.count({ where: { runId } }),
      (n) => n >= 2,
      { timeoutMs: 30_000 },
    );
    const client = createWsTestClient(server.wsUrl);
    const events = (
      await collect<{ trainingProgress: Event }>(
        client,
        PROGRESS,
        (p) => terminal(p.data!.trainingProgress),
        { variables: { runId } },
      )
    ).map((p) => p.data!.trainingProgress);
    await client.dispose();
    const epochs = events.filter((e) => e.type === 'EPOCH').map((e) => e.epoch);
    expect(epochs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.at(-1)!.status).toBe('SUCCEEDED');
    const stored = await server.prisma.epochMetric.findMany({ where: { runId }, orderBy: { epoch: 'asc' } });
    expect(events.filter((e) => e.type === 'EPOCH').map((e) => e.trainLoss)).toEqual(
      stored.map((e) => e.trainLoss),
    );
  });
});
