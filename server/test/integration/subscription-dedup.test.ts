import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { TrainingEventType, type TrainingEvent } from '../../src/modules/runs/run-event.type.js';
import { RunStatus } from '../../src/modules/runs/run.type.js';
import { startTestServer, type TestServer } from '../utils/start-test-server.js';
import { waitForValue } from '../utils/wait-for.js';
import { collect, createWsTestClient } from '../utils/ws-test-client.js';

// Events are published straight to the server's hub (as the training lifecycle does after writing the
// epoch), so the test controls their timing; subscribers are real graphql-ws clients on real sockets.
type Data = { trainingProgress: Record<string, unknown> };
type Payload = { data?: Data; errors?: unknown[] };

const SHORT = 'subscription ($id: ID) { trainingProgress(runId: $id) { runId type status epoch } }';
const LONG = 'subscription ($id: ID) { trainingProgress(runId: $id) { epoch trainLoss type status } }';

describe('deduplicated subscriptions', () => {
  let server: TestServer;
  const clients: Client[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.dispose()));
    await server?.dispose();
  });
  const client = () => {
    const c = createWsTestClient(server.wsUrl);
    clients.push(c);
    return c;
  };
  const subscribers = async () => server.app.services.hub.subscriberCount;

  /** A RUNNING run with `stored` epochs in the database. */
  async function createRun(stored: number): Promise<string> {
    const run = await server.prisma.run.create({
      data: {
        category: 'Beauty',
        status: 'RUNNING',
        experimentName: 'dedup',
        hyperparameters: {},
        dataset: 'test.csv',
        totalEpochs: 100,
        startedAt: new Date(),
        // A live heartbeat: the reaper marks RUNNING runs without one as interrupted (FAILED).
        claimedBy: 'subscription-dedup-test',
        heartbeatAt: new Date(Date.now() + 3_600_000),
      },
    });
    for (let epoch = 1; epoch <= stored; epoch++) await storeEpoch(run.id, epoch);
    return run.id;
  }
  const storeEpoch = (runId: string, epoch: number) =>
    server.prisma.epochMetric.create({
      data: { runId, epoch, trainLoss: epoch, valLoss: epoch, elapsedMs: 1 },
    });
  const event = (runId: string, epoch: number | null, status = RunStatus.RUNNING): TrainingEvent => ({
    runId,
    category: 'Beauty',
    type: epoch === null ? TrainingEventType.STATUS : TrainingEventType.EPOCH,
    status,
    epoch,
    totalEpochs: 100,
    trainLoss: epoch,
    valLoss: epoch,
    elapsedMs: 1,
    error: null,
  });
  /** As the lifecycle does: store the epoch, then publish it. */
  const epochEnds = async (runId: string, epoch: number) => {
    await storeEpoch(runId, epoch);
    server.app.services.hub.publish(event(runId, epoch));
  };
  /** The run ends (one active run per category: the next test makes another). */
  const finish = async (runId: string) => {
    await server.prisma.run.update({ where: { id: runId }, data: { status: 'SUCCEEDED' } });
    server.app.services.hub.publish(event(runId, null, RunStatus.SUCCEEDED));
  };
  const epochsOf = (events: Payload[]) =>
    events
      .filter((e) => e.data?.trainingProgress.type === 'EPOCH')
      .map((e) => e.data!.trainingProgress.epoch);
  const ended = (p: Payload) => p.data?.trainingProgress.status === 'SUCCEEDED';

  it('should send every subscriber of one document the same complete, ordered events, per document', async () => {
    const runId = await createRun(3);
    const before = await subscribers();
    const streams = Array.from({ length: 20 }, (_, i) =>
      collect<Data>(client(), i % 2 ? LONG : SHORT, ended, { variables: { id: runId }, timeoutMs: 20_000 }),
    );
    await await waitForValue(subscribers, (n) => n === before + 20, { timeoutMs: 10_000 });
    // Let every replay finish before the live events, so all subscribers see the same sequence.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let epoch = 4; epoch <= 10; epoch++) await epochEnds(runId, epoch);
    await finish(runId);
    const results = await Promise.all(streams);
    const expected = Array.from({ length: 10 }, (_, i) => i + 1);
    for (const [i, events] of results.entries()) {
      expect(events.every((e) => !e.errors)).toBe(true);
      expect(epochsOf(events)).toEqual(expected);
      expect(ended(events.at(-1)!)).toBe(true);
      // Same document → the same payloads; the other document has its own fields.
      expect(events).toEqual(results[i % 2]);
    }
    expect(Object.keys(results[0]![1]!.data!.trainingProgress)).toEqual(['runId', 'type', 'status', 'epoch']);
    expect(Object.keys(results[1]![1]!.data!.trainingProgress)).toEqual([
      'epoch',
      'trainLoss',
      'type',
      'status',
    ]);
    expect(results[1]![1]!.data!.trainingProgress.trainLoss).toBe(1);
  });

  it('should keep delivering to the others when one subscriber closes mid-stream', async () => {
    const runId = await createRun(0);
    const before = await subscribers();
    const leaving = client();
    const leaver = collect<Data>(leaving, SHORT, () => false, {
      variables: { id: runId },
      timeoutMs: 20_000,
    });
    const stayers = Array.from({ length: 5 }, () =>
      collect<Data>(client(), SHORT, ended, { variables: { id: runId }, timeoutMs: 20_000 }),
    );
    await waitForValue(subscribers, (n) => n === before + 6, { timeoutMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let epoch = 1; epoch <= 3; epoch++) await epochEnds(runId, epoch);
    await waitForValue(subscribers, (n) => n === before + 6, { timeoutMs: 1000 });
    await leaving.dispose();
    // Its hub queue is released at once, without waiting for an event.
    await waitForValue(subscribers, (n) => n === before + 5, { timeoutMs: 5_000 });
    for (let epoch = 4; epoch <= 6; epoch++) await epochEnds(runId, epoch);
    await finish(runId);
    for (const events of await Promise.all(stayers)) expect(epochsOf(events)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(epochsOf(await leaver).every((e, i) => e === i + 1)).toBe(true);
  });

  it('should give subscribers joining while epochs are published every epoch once, in order', async () => {
    const runId = await createRun(2);
    const joined: Promise<Payload[]>[] = [];
    // Epochs are stored and published every few ms while subscribers join at different moments: each
    // one's replay ends somewhere in the stream, and live events must continue it without gap or repeat.
    for (let epoch = 3; epoch <= 60; epoch++) {
      if (epoch % 4 === 0)
        joined.push(collect<Data>(client(), SHORT, ended, { variables: { id: runId }, timeoutMs: 30_000 }));
      await epochEnds(runId, epoch);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    await finish(runId);
    const expected = Array.from({ length: 60 }, (_, i) => i + 1);
    for (const events of await Promise.all(joined)) {
      expect(epochsOf(events)).toEqual(expected);
      expect(ended(events.at(-1)!)).toBe(true);
    }
  });
});
