import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import 'reflect-metadata';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase } from '../../test/utils/test-database.js';
import { waitForValue } from '../../test/utils/wait-for.js';
import { TrainingEventType, type TrainingEvent } from '../modules/runs/run-event.type.js';
import { RunStatus } from '../modules/runs/run.type.js';
import { PgNotifications } from '../db/pg-notifications.js';
import { RunEventBridge } from './run-event-bridge.js';
import { RunEventHub } from './run-event-hub.js';

const epochEvent = (epoch: number): TrainingEvent => ({
  runId: '00000000-0000-4000-8000-000000000001',
  category: 'Beauty',
  type: TrainingEventType.EPOCH,
  status: RunStatus.RUNNING,
  epoch,
  totalEpochs: 500,
  trainLoss: 1,
  valLoss: 1,
  elapsedMs: 1,
  error: null,
});

describe('RunEventBridge', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres', { migrate: false });
  });
  afterAll(async () => db?.dispose());

  it('should deliver events to another replica in the order they were published', async () => {
    const logger = pino({ level: 'silent' });
    const [hubA, hubB] = [new RunEventHub(), new RunEventHub()];
    const received: number[] = [];
    hubB.publish = (event) => void received.push(event.epoch!);
    // Two replicas: each its own connections.
    const [pa, pb] = [new PgNotifications(db.url, logger), new PgNotifications(db.url, logger)];
    const [a, b] = [new RunEventBridge(hubA, pa, logger), new RunEventBridge(hubB, pb, logger)];
    await Promise.all([a.start(), b.start()]);
    try {
      // Published back to back, as fast epochs are: a subscriber keeps only epochs newer than its last.
      for (let epoch = 1; epoch <= 500; epoch++) hubA.publish(epochEvent(epoch));
      await waitForValue(
        async () => received.length,
        (n) => n >= 500,
        { timeoutMs: 20_000 },
      );
      expect(received).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await Promise.all([pa.close(), pb.close()]);
    }
  });
});
