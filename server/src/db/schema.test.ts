/**
 * The data model's invariants, enforced by the database itself, on the local Postgres and the embedded
 * PGlite: one QUEUED/RUNNING run and one active model version per category (partial unique indexes, also
 * under concurrent inserts), one EpochMetric per (run, epoch), cascades, outbox order and idempotency.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../test/utils/test-database.js';
import type { Prisma } from '../generated/prisma/client.js';

const uniqueViolation = expect.objectContaining({ code: 'P2002' });

function runData(category: string, overrides: Partial<Prisma.RunCreateInput> = {}): Prisma.RunCreateInput {
  return {
    category,
    experimentName: 'sales-forecast',
    hyperparameters: { epochs: 2, learningRate: 0.001 },
    dataset: 'data/sales.csv',
    totalEpochs: 2,
    ...overrides,
  };
}

function versionData(category: string, active: boolean): Prisma.ModelVersionCreateInput {
  return { category, active, windowSize: 14, tfBackend: 'cpu', artifact: new Uint8Array([1, 2, 3]) };
}

describe.each(['postgres', 'embedded'] as const)('data model on %s', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.dispose());

  it('should reject a second QUEUED run when the category already has a QUEUED or RUNNING one', async () => {
    const first = await db.prisma.run.create({ data: runData('Books') });
    await expect(db.prisma.run.create({ data: runData('Books') })).rejects.toEqual(uniqueViolation);
    await db.prisma.run.update({ where: { id: first.id }, data: { status: 'RUNNING' } });
    await expect(db.prisma.run.create({ data: runData('Books', { status: 'RUNNING' }) })).rejects.toEqual(
      uniqueViolation,
    );
    await expect(db.prisma.run.create({ data: runData('Toys') })).resolves.toMatchObject({
      status: 'QUEUED',
    });
  });

  it('should accept a new QUEUED run when the previous one has finished', async () => {
    await db.prisma.run.updateMany({ where: { category: 'Books' }, data: { status: 'SUCCEEDED' } });
    await expect(db.prisma.run.create({ data: runData('Books') })).resolves.toMatchObject({
      status: 'QUEUED',
    });
    expect(await db.prisma.run.count({ where: { category: 'Books' } })).toBe(2);
  });

  it('should let exactly one of many concurrent inserts win when they queue the same category', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => db.prisma.run.create({ data: runData('Garden') })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect(r.reason).toEqual(uniqueViolation);
  });

  it('should reject a second active version when the category already has one', async () => {
    const first = await db.prisma.modelVersion.create({ data: versionData('Books', true) });
    await expect(db.prisma.modelVersion.create({ data: versionData('Books', true) })).rejects.toEqual(
      uniqueViolation,
    );
    const second = await db.prisma.modelVersion.create({ data: versionData('Books', false) });
    await db.prisma.$transaction([
      db.prisma.modelVersion.update({ where: { id: first.id }, data: { active: false } }),
      db.prisma.modelVersion.update({ where: { id: second.id }, data: { active: true } }),
    ]);
    const active = await db.prisma.modelVersion.findMany({ where: { category: 'Books', active: true } });
    expect(active.map((v) => v.id)).toEqual([second.id]);
  });

  it('should reject a duplicate epoch when the run already has that epoch', async () => {
    const run = await db.prisma.run.create({ data: runData('Epochs') });
    const epoch = { runId: run.id, epoch: 1, trainLoss: 0.5, valLoss: 0.6, elapsedMs: 120 };
    await db.prisma.epochMetric.create({ data: epoch });
    await expect(db.prisma.epochMetric.create({ data: { ...epoch, trainLoss: 0.4 } })).rejects.toEqual(
      uniqueViolation,
    );
    await db.prisma.epochMetric.create({ data: { ...epoch, epoch: 2 } });
    expect(await db.prisma.epochMetric.count({ where: { runId: run.id } })).toBe(2);
  });

  it('should delete epochs and outbox rows and keep the model version when its run is deleted', async () => {
    const run = await db.prisma.run.create({
      data: runData('Cascade', {
        status: 'SUCCEEDED',
        epochs: { create: [{ epoch: 1, trainLoss: 1, valLoss: 1, elapsedMs: 5 }] },
        outbox: { create: [{ kind: 'create_run', payload: {}, idempotencyKey: `cascade-${kind}` }] },
        modelVersions: { create: [versionData('Cascade', false)] },
      }),
      include: { modelVersions: true },
    });
    await db.prisma.run.delete({ where: { id: run.id } });
    expect(await db.prisma.epochMetric.count({ where: { runId: run.id } })).toBe(0);
    expect(await db.prisma.mlflowOutbox.count({ where: { runId: run.id } })).toBe(0);
    const version = await db.prisma.modelVersion.findUniqueOrThrow({
      where: { id: run.modelVersions[0]!.id },
    });
    expect(version.runId).toBeNull();
  });

  it('should number outbox rows in insertion order and reject a reused idempotency key', async () => {
    const run = await db.prisma.run.create({ data: runData('Outbox', { status: 'SUCCEEDED' }) });
    const kinds = ['create_run', 'log_batch', 'set_terminated'];
    for (const k of kinds) {
      await db.prisma.mlflowOutbox.create({
        data: { runId: run.id, kind: k, payload: { k }, idempotencyKey: `${run.id}:${k}` },
      });
    }
    const rows = await db.prisma.mlflowOutbox.findMany({ where: { runId: run.id }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.kind)).toEqual(kinds);
    expect(typeof rows[0]!.id).toBe('bigint');
    await expect(
      db.prisma.mlflowOutbox.create({
        data: { runId: run.id, kind: 'log_batch', payload: {}, idempotencyKey: `${run.id}:log_batch` },
      }),
    ).rejects.toEqual(uniqueViolation);
  });

  it('should keep every row intact when many queries and transactions run at once', async () => {
    const run = await db.prisma.run.create({ data: runData('Concurrency', { status: 'SUCCEEDED' }) });
    const writes = Array.from({ length: 40 }, (_, i) =>
      db.prisma.epochMetric.create({
        data: { runId: run.id, epoch: i + 1, trainLoss: i + 0.5, valLoss: i + 0.25, elapsedMs: i * 10 },
      }),
    );
    const transactions = [1, 2].map((n) =>
      db.prisma.$transaction(async (tx) => {
        await tx.run.update({ where: { id: run.id }, data: { error: `tx${n}` } });
        if (n === 2) throw new Error('roll back');
      }),
    );
    await Promise.all(writes);
    const settled = await Promise.allSettled(transactions);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected']);
    const epochs = await db.prisma.epochMetric.findMany({
      where: { runId: run.id },
      orderBy: { epoch: 'asc' },
    });
    expect(epochs.map((e) => [e.epoch, e.trainLoss, e.valLoss, e.elapsedMs])).toEqual(
      Array.from({ length: 40 }, (_, i) => [i + 1, i + 0.5, i + 0.25, i * 10]),
    );
    expect((await db.prisma.run.findUniqueOrThrow({ where: { id: run.id } })).error).toBe('tx1');
  });
});
