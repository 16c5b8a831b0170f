/**
 * The MLflow outbox on a real database: what `outbox.ts` enqueues (idempotent, create_run first, nothing
 * for DISABLED runs) and how `outbox-store.ts` hands rows out (strictly in order per run, a backing-off
 * or failed run never blocks another, concurrent claimers never share a run).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../test/utils/test-database.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { enqueueEpoch, enqueueRunFinished, enqueueRunStarted, SKIPPED } from './outbox.js';
import { claimNextRow, markDone, markFailed, markRetry, skipBlockedRows } from './outbox-store.js';

const LEASE = 60_000;
const CREATED = { mlflowExperimentId: '1', mlflowRunId: 'm' };
let categories = 0;

describe('MLflow outbox', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const inTx = (fn: (tx: Prisma.TransactionClient) => Promise<void>) => prisma.$transaction(fn);
  // A category per run: the database allows one active run per category.
  const newRun = async (mlflowSync: 'PENDING' | 'DISABLED' = 'PENDING') => {
    const hyperparameters = { windowSize: 14, learningRate: 0.01, epochs: 2 };
    const data = { category: `C${++categories}`, experimentName: 'exp', hyperparameters, totalEpochs: 2 };
    const started = { status: 'RUNNING' as const, startedAt: new Date(), tfBackend: 'cpu', mlflowSync };
    return (await prisma.run.create({ data: { ...data, ...started, dataset: '/data/sales.csv' } })).id;
  };
  const enqueueAll = async (runId: string) => {
    await inTx((tx) => enqueueRunStarted(tx, runId));
    for (const epoch of [1, 2])
      await inTx((tx) => enqueueEpoch(tx, runId, { epoch, trainLoss: 1, valLoss: NaN }));
    await inTx((tx) => enqueueRunFinished(tx, runId, { status: 'SUCCEEDED' }));
  };
  const rowsOf = (runId: string) =>
    prisma.mlflowOutbox.findMany({ where: { runId }, orderBy: { id: 'asc' } });
  /** Takes and acknowledges every due row, returning `{run}:{kind}` in the order they were handed out. */
  const drain = async () => {
    const seen: string[] = [];
    for (let row = await claimNextRow(prisma, LEASE); row; row = await claimNextRow(prisma, LEASE)) {
      seen.push(`${row.runId}:${row.kind}`);
      await markDone(prisma, row, row.kind === 'create_run' ? CREATED : undefined);
    }
    return seen;
  };

  beforeAll(async () => {
    db = await createTestDatabase((process.env.TEST_DB_KIND as 'embedded' | undefined) ?? 'postgres');
    prisma = db.prisma;
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('should queue create_run first and each write once when enqueued twice', async () => {
    const runId = await newRun();
    await inTx((tx) => enqueueEpoch(tx, runId, { epoch: 1, trainLoss: 1, valLoss: 2 }));
    await enqueueAll(runId);
    const rows = await rowsOf(runId);
    expect(rows.map((r) => r.idempotencyKey.slice(runId.length + 1))).toEqual([
      'create_run',
      'epoch:1',
      'epoch:2',
      'finish_run',
    ]);
    expect(rows[2]!.payload).toMatchObject({ metrics: [{ key: 'train_loss', step: 2 }, { value: 'NaN' }] });
    expect(rows[0]!.payload).toMatchObject({ runName: expect.stringMatching(/^CNNLSTM-C/) });
  });

  it('should queue nothing when the run has MLflow disabled', async () => {
    const runId = await newRun('DISABLED');
    await enqueueAll(runId);
    expect(await rowsOf(runId)).toEqual([]);
  });

  it('should hand out a run’s rows strictly in id order, one at a time', async () => {
    await prisma.mlflowOutbox.deleteMany();
    const [a, b] = [await newRun(), await newRun()];
    await enqueueAll(a);
    await enqueueAll(b);
    const first = await claimNextRow(prisma, LEASE);
    const second = await claimNextRow(prisma, LEASE);
    // While a's create_run is out (not DONE) its epochs wait; b's create_run is free to go.
    expect([first?.runId, second?.runId, first?.kind, second?.kind]).toEqual([
      a,
      b,
      'create_run',
      'create_run',
    ]);
    expect(await claimNextRow(prisma, LEASE)).toBeNull();
    await markDone(prisma, first!, CREATED);
    await markDone(prisma, second!, CREATED);
    const kinds = (run: string, seen: string[]) =>
      seen.filter((s) => s.startsWith(run)).map((s) => s.split(':')[1]);
    const seen = await drain();
    expect(kinds(a, seen)).toEqual(['log_epoch', 'log_epoch', 'finish_run']);
    expect(kinds(b, seen)).toEqual(['log_epoch', 'log_epoch', 'finish_run']);
    expect((await prisma.run.findUniqueOrThrow({ where: { id: a } })).mlflowSync).toBe('SYNCED');
  });

  it('should hold back only the run whose row is backing off', async () => {
    await prisma.mlflowOutbox.deleteMany();
    const [slow, fast] = [await newRun(), await newRun()];
    await enqueueAll(slow);
    await enqueueAll(fast);
    const row = await claimNextRow(prisma, LEASE);
    await markRetry(prisma, row!, { delayMs: 60_000, error: 'down' });
    expect(await drain()).toEqual([
      `${fast}:create_run`,
      `${fast}:log_epoch`,
      `${fast}:log_epoch`,
      `${fast}:finish_run`,
    ]);
    expect((await rowsOf(slow))[0]).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'down' });
  });

  it('should fail the run and skip its later rows, also rows queued after the failure', async () => {
    await prisma.mlflowOutbox.deleteMany();
    const runId = await newRun();
    await inTx((tx) => enqueueRunStarted(tx, runId));
    await inTx((tx) => enqueueEpoch(tx, runId, { epoch: 1, trainLoss: 1, valLoss: 1 }));
    await markFailed(prisma, (await claimNextRow(prisma, LEASE))!, 'INVALID_PARAMETER_VALUE: no');
    await inTx((tx) => enqueueEpoch(tx, runId, { epoch: 2, trainLoss: 1, valLoss: 1 }));
    // A row that slipped in as PENDING (its transaction read the run just before it failed).
    await prisma.mlflowOutbox.create({
      data: { runId, kind: 'finish_run', payload: {}, idempotencyKey: `${runId}:x` },
    });
    expect(await skipBlockedRows(prisma)).toBe(1);
    const rows = await rowsOf(runId);
    expect(rows.map((r) => [r.status, r.lastError])).toEqual([
      ['FAILED', 'INVALID_PARAMETER_VALUE: no'],
      ['FAILED', SKIPPED],
      ['FAILED', SKIPPED],
      ['FAILED', SKIPPED],
    ]);
    const run = await prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect([run.mlflowSync, run.mlflowError]).toEqual(['FAILED', 'INVALID_PARAMETER_VALUE: no']);
    expect(await claimNextRow(prisma, LEASE)).toBeNull();
  });

  it('should never give two concurrent claimers the same row or two rows of one run', async () => {
    await prisma.mlflowOutbox.deleteMany();
    const runs = [await newRun(), await newRun(), await newRun()];
    for (const run of runs) await enqueueAll(run);
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimNextRow(prisma, LEASE)));
    const claimed = claims.flatMap((r) => (r ? [r] : []));
    expect(claimed.map((r) => r.kind)).toEqual(['create_run', 'create_run', 'create_run']);
    expect(new Set(claimed.map((r) => r.runId)).size).toBe(3);
  });
});
