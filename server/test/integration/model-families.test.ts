import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, gql, type TestServer } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';
import { collect, createWsTestClient } from '../utils/ws-test-client.js';

const KEY = 'families-key';
const auth = { authorization: `Bearer ${KEY}` };
// A small AUTO run: three families keep the test quick; the CNN-LSTM streams its epochs in between.
const EXTRA_CONFIG = `models:
  enabled: [SEASONAL_NAIVE, CNN_LSTM, MSTL]
  backtest: { origins: 3, horizon: 7 }
  validation_refit_days: 7
`;

interface Candidate {
  id: string;
  family: string;
  champion: boolean;
  active: boolean;
  fitSeconds: number;
  backtest: {
    origins: number;
    horizon: number;
    mase: number;
    coverage: number;
    folds: { dates: string[]; actual: number[]; predicted: number[] }[];
  };
}
const RUN = `query ($id: ID!) { run(id: $id) { status model modelVersion { id family }
  candidates { id family champion active fitSeconds backtest { origins horizon mase coverage folds { dates actual predicted } } } } }`;
const PREDICT = `mutation ($s: [Float!]!) { predict(input: { category: "Beauty", series: $s, horizon: 14 }) { modelVersionId values lower upper } }`;

describe('model families: AUTO runs, champion, activate, predict by family', () => {
  let server: TestServer;
  let runId: string;
  let candidates: Candidate[];
  let latest: number[];

  beforeAll(async () => {
    server = await startTestServer({ apiKey: KEY, extraConfig: EXTRA_CONFIG });
    const all = await gql<{ series: { points: { value: number }[] } }>(
      server,
      '{ series(category: "Beauty") { points { value } } }',
      {},
      auth,
    );
    latest = all.data!.series.points.map((p) => p.value).slice(-14);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('should stream each candidate between the epochs, store one version per family and activate the lowest MASE', async () => {
    const client = createWsTestClient(server.wsUrl, { apiKey: KEY });
    const subscribed = collect<{
      trainingProgress: { type: string; family: string | null; status: string; backtestMase: number | null };
    }>(
      client,
      'subscription { trainingProgress(category: "Beauty") { type status family backtestMase epoch } }',
      (p) => p.data?.trainingProgress.type === 'STATUS' && p.data.trainingProgress.status === 'SUCCEEDED',
    );
    const started = await gql<{ train: { id: string; model: string }[] }>(
      server,
      'mutation { train(input: { categories: ["Beauty"], model: AUTO, epochs: 2 }) { id model } }',
      {},
      auth,
    );
    expect(started.errors).toBeUndefined();
    runId = started.data!.train[0]!.id;
    expect(started.data!.train[0]!.model).toBe('AUTO');
    const events = (await subscribed).map((e) => e.data!.trainingProgress);
    await client.dispose();
    const labels = events
      .filter((e) => e.type !== 'STATUS')
      .map((e) => (e.type === 'EPOCH' ? 'EPOCH' : `${e.type}:${e.family}`));
    expect(labels).toEqual([
      'CANDIDATE_STARTED:SEASONAL_NAIVE',
      'CANDIDATE_FINISHED:SEASONAL_NAIVE',
      'CANDIDATE_STARTED:CNN_LSTM',
      'EPOCH',
      'EPOCH',
      'CANDIDATE_FINISHED:CNN_LSTM',
      'CANDIDATE_STARTED:MSTL',
      'CANDIDATE_FINISHED:MSTL',
    ]);
    expect(
      events.filter((e) => e.type === 'CANDIDATE_FINISHED').every((e) => typeof e.backtestMase === 'number'),
    ).toBe(true);

    const run = await gql<{
      run: { status: string; modelVersion: { id: string; family: string }; candidates: Candidate[] };
    }>(server, RUN, { id: runId }, auth);
    candidates = run.data!.run.candidates;
    expect(candidates.map((c) => c.family).sort()).toEqual(['CNN_LSTM', 'MSTL', 'SEASONAL_NAIVE']);
    const best = Math.min(...candidates.map((c) => c.backtest.mase));
    const champion = candidates.filter((c) => c.champion);
    expect(champion).toHaveLength(1);
    expect(champion[0]).toMatchObject({ active: true, id: run.data!.run.modelVersion.id });
    expect(champion[0]!.backtest.mase).toBe(best);
    expect(candidates.filter((c) => c.active)).toHaveLength(1);
    for (const c of candidates) {
      expect(c.backtest).toMatchObject({ origins: 3, horizon: 7 });
      expect(c.backtest.folds.at(-1)!.dates).toHaveLength(7);
      expect(c.fitSeconds).toBeGreaterThanOrEqual(0);
    }
  });

  it('should predict with the champion, then with a version pinned by activateModelVersion', async () => {
    const champion = candidates.find((c) => c.champion)!;
    const first = await gql<{ predict: { modelVersionId: string } }>(server, PREDICT, { s: latest }, auth);
    expect(first.data!.predict.modelVersionId).toBe(champion.id);

    const naive = candidates.find((c) => c.family === 'SEASONAL_NAIVE')!;
    const pinned = await gql<{ activateModelVersion: { id: string; active: boolean; family: string } }>(
      server,
      'mutation ($id: ID!) { activateModelVersion(id: $id) { id active family } }',
      { id: naive.id },
      auth,
    );
    expect(pinned.data!.activateModelVersion).toEqual({
      id: naive.id,
      active: true,
      family: 'SEASONAL_NAIVE',
    });
    const second = await gql<{
      predict: { modelVersionId: string; values: number[]; lower: number[]; upper: number[] };
    }>(server, PREDICT, { s: latest }, auth);
    expect(second.data!.predict.modelVersionId).toBe(naive.id);
    // Seasonal naive repeats the last week of the request's window.
    const week = latest.slice(-7);
    expect(second.data!.predict.values).toEqual([...week, ...week]);
    second.data!.predict.lower.forEach((l, i) =>
      expect(l).toBeLessThanOrEqual(second.data!.predict.values[i]!),
    );
    const active = await server.prisma.modelVersion.findMany({ where: { category: 'Beauty', active: true } });
    expect(active.map((v) => v.id)).toEqual([naive.id]);
  });

  it('should answer coded errors for activate without the key, an unknown id, and ARIMA not enabled', async () => {
    const naive = candidates.find((c) => c.family === 'SEASONAL_NAIVE')!;
    const noKey = await gql(server, 'mutation ($id: ID!) { activateModelVersion(id: $id) { id } }', {
      id: naive.id,
    });
    expect(noKey.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const unknown = await gql(
      server,
      'mutation { activateModelVersion(id: "00000000-0000-4000-8000-000000000000") { id } }',
      {},
      auth,
    );
    expect(unknown.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const arima = await gql(
      server,
      'mutation { train(input: { categories: ["Clothing"], model: ARIMA }) { id } }',
      {},
      auth,
    );
    expect(arima.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(arima.errors![0]!.message).toMatch(/opt-in/);
    expect(await server.prisma.run.count({ where: { category: 'Clothing' } })).toBe(0);
  });

  it('should replay the candidates of a finished run to a late subscriber', async () => {
    const client = createWsTestClient(server.wsUrl, { apiKey: KEY });
    const events = await collect<{
      trainingProgress: { type: string; family: string | null; status: string };
    }>(
      client,
      `subscription { trainingProgress(runId: "${runId}") { type status family } }`,
      (p) => p.data?.trainingProgress.type === 'STATUS' && p.data.trainingProgress.status === 'SUCCEEDED',
    );
    await client.dispose();
    const finished = events.filter((e) => e.data!.trainingProgress.type === 'CANDIDATE_FINISHED');
    expect(finished.map((e) => e.data!.trainingProgress.family)).toEqual([
      'SEASONAL_NAIVE',
      'CNN_LSTM',
      'MSTL',
    ]);
    await waitForValue(
      () => server.prisma.run.findUniqueOrThrow({ where: { id: runId } }),
      (r) => r.status === 'SUCCEEDED',
    );
  });
});
