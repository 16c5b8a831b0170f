import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, startTestServer, type TestServer } from '../utils/start-test-server.js';

type Runs = { trainAll: { id: string; category: string; hyperparameters: { windowSize: number } }[] };
const TRAIN_ALL = `mutation ($input: TrainAllInput) { trainAll(input: $input) { id category hyperparameters } }`;

describe('trainAll overrides', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('should refuse a window size out of range before queuing anything', async () => {
    const res = await gql<Runs>(server, TRAIN_ALL, { input: { windowSize: 3 } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await server.prisma.run.count()).toBe(0);
  });

  it('should queue every category with sales with the window size asked for', async () => {
    // The web app's "All categories" sends trainAll, and its window field must reach every run as train's does.
    const res = await gql<Runs>(server, TRAIN_ALL, {
      input: { windowSize: 21, epochs: 1, model: 'CNN_LSTM' },
    });
    expect(res.errors).toBeUndefined();
    const runs = res.data!.trainAll;
    expect(runs.map((r) => r.category).sort()).toEqual(['Beauty', 'Clothing']);
    expect(runs.map((r) => r.hyperparameters.windowSize)).toEqual([21, 21]);
    for (const run of runs)
      await gql(server, 'mutation ($id: ID!) { cancelRun(id: $id) { id } }', { id: run.id });
  });
});
