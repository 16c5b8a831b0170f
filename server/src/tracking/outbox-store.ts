/**
 * How the MLflow sync takes and settles outbox rows (pure DB; `mlflow-sync.ts` is the only caller).
 * A row is claimed by one short UPDATE with `FOR UPDATE SKIP LOCKED` that bumps `attempts` and pushes
 * `nextAttemptAt` out by a lease: no other replica takes it while it is being sent, and if this process
 * dies the lease runs out and another one replays it. Only a run's oldest unfinished row is claimable.
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import { SKIPPED, type OutboxKind } from './outbox.js';

/** A row this process holds until its lease ends. `attempts` (after the bump) is the claim's token. */
export interface ClaimedRow {
  id: bigint;
  runId: string;
  kind: OutboxKind;
  payload: unknown;
  attempts: number;
}

/** Longest error text kept on a row or a run. */
const MAX_ERROR_LENGTH = 2000;
const clip = (text: string) => (text.length > MAX_ERROR_LENGTH ? `${text.slice(0, 1997)}...` : text);

/**
 * Claims the due PENDING row with the lowest id whose run has no older row that is not DONE: rows of a
 * run go strictly in id order, and a run waiting for its backoff does not hold up other runs.
 * Timestamps are compared in UTC because Prisma stores `DateTime` as UTC in `timestamp` columns.
 * @param leaseMs - how long the claim lasts; must exceed the longest send (several HTTP timeouts).
 * @returns the claimed row, or null when nothing is due.
 */
export async function claimNextRow(prisma: PrismaClient, leaseMs: number): Promise<ClaimedRow | null> {
  const rows = await prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "MlflowOutbox"
       SET "attempts" = "attempts" + 1,
           "nextAttemptAt" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${leaseMs / 1000})
     WHERE "id" = (
       SELECT o."id" FROM "MlflowOutbox" o
        WHERE o."status" = 'PENDING' AND o."nextAttemptAt" <= (now() AT TIME ZONE 'UTC')
          AND NOT EXISTS (SELECT 1 FROM "MlflowOutbox" e
                           WHERE e."runId" = o."runId" AND e."id" < o."id" AND e."status" <> 'DONE')
        ORDER BY o."id" LIMIT 1 FOR UPDATE OF o SKIP LOCKED)
    RETURNING "id", "runId"::text AS "runId", "kind", "payload", "attempts"`;
  return rows[0] ?? null;
}

/** Where MLflow put the run; recorded when `create_run` is acknowledged. */
export interface CreatedRun {
  mlflowExperimentId: string;
  mlflowRunId: string;
}

/**
 * Marks the row DONE. After `create_run` the run gets its MLflow ids; after `finish_run` it is SYNCED.
 * The run fields are written even if our lease had run out: what they record did happen in MLflow.
 */
export async function markDone(prisma: PrismaClient, row: ClaimedRow, created?: CreatedRun): Promise<void> {
  await prisma.$transaction([
    prisma.mlflowOutbox.updateMany({
      where: { id: row.id, status: 'PENDING' },
      data: { status: 'DONE', doneAt: new Date(), lastError: null },
    }),
    ...(created ? [prisma.run.update({ where: { id: row.runId }, data: created })] : []),
    ...(row.kind === 'finish_run'
      ? [
          prisma.run.updateMany({
            where: { id: row.runId, mlflowSync: 'PENDING' },
            data: { mlflowSync: 'SYNCED', mlflowError: null },
          }),
        ]
      : []),
  ]);
}

/** Schedules another attempt after `delayMs`, unless another process claimed the row since (token). */
export async function markRetry(
  prisma: PrismaClient,
  row: ClaimedRow,
  failure: { delayMs: number; error: string },
): Promise<void> {
  await prisma.mlflowOutbox.updateMany({
    where: { id: row.id, status: 'PENDING', attempts: row.attempts },
    data: { nextAttemptAt: new Date(Date.now() + failure.delayMs), lastError: clip(failure.error) },
  });
}

/**
 * MLflow refused the row for good (a 4xx): the row is FAILED with MLflow's message, the run's sync is
 * FAILED with it, and the run's later rows are FAILED as skipped (they would be refused too, or act on
 * an MLflow run that was never made); their payloads stay for inspection.
 */
export async function markFailed(prisma: PrismaClient, row: ClaimedRow, message: string): Promise<void> {
  const error = clip(message);
  await prisma.$transaction([
    prisma.mlflowOutbox.updateMany({
      where: { id: row.id, status: 'PENDING' },
      data: { status: 'FAILED', lastError: error },
    }),
    prisma.mlflowOutbox.updateMany({
      where: { runId: row.runId, id: { gt: row.id }, status: 'PENDING' },
      data: { status: 'FAILED', lastError: SKIPPED },
    }),
    prisma.run.update({ where: { id: row.runId }, data: { mlflowSync: 'FAILED', mlflowError: error } }),
  ]);
}

/**
 * Files as skipped the PENDING rows queued behind a FAILED row of their run after `markFailed` ran
 * (a lifecycle transaction that read the run just before it failed). @returns how many.
 */
export function skipBlockedRows(prisma: PrismaClient): Promise<number> {
  return prisma.$executeRaw`
    UPDATE "MlflowOutbox" o SET "status" = 'FAILED', "lastError" = ${SKIPPED}
     WHERE o."status" = 'PENDING'
       AND EXISTS (SELECT 1 FROM "MlflowOutbox" f
                    WHERE f."runId" = o."runId" AND f."id" < o."id" AND f."status" = 'FAILED')`;
}
