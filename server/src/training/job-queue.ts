/**
 * The Postgres-backed queue of training runs: QUEUED rows are claimed oldest first with
 * `FOR UPDATE SKIP LOCKED`, so several API replicas or worker processes sharing one database never claim
 * the same run; heartbeats show which claimed runs are still alive. Used by `training-queue.ts`.
 */
import type { PrismaClient } from '../generated/prisma/client.js';

/** A run as the queue hands it out. */
export interface ClaimedRun {
  id: string;
  category: string;
  totalEpochs: number;
  hyperparameters: Record<string, unknown>;
  /** "AUTO" or a family name. */
  model: string;
}

/** Claims the oldest QUEUED run for `instanceId` (status RUNNING), or returns null when none is waiting. */
export async function claimNextRun(prisma: PrismaClient, instanceId: string): Promise<ClaimedRun | null> {
  const rows = await prisma.$queryRaw<ClaimedRun[]>`
    UPDATE "Run"
       SET "status" = 'RUNNING', "startedAt" = now(), "heartbeatAt" = now(), "claimedBy" = ${instanceId}
     WHERE "id" = (SELECT "id" FROM "Run" WHERE "status" = 'QUEUED'
                    ORDER BY "createdAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING "id"::text AS "id", "category", "totalEpochs", "hyperparameters", "model"`;
  return rows[0] ?? null;
}

/** Refreshes the heartbeat of runs this instance trains; returns the ids whose cancel was requested. */
export async function heartbeat(prisma: PrismaClient, runIds: string[]): Promise<string[]> {
  if (runIds.length === 0) return [];
  await prisma.run.updateMany({
    where: { id: { in: runIds }, status: 'RUNNING' },
    data: { heartbeatAt: new Date() },
  });
  const cancelled = await prisma.run.findMany({
    where: { id: { in: runIds }, cancelRequested: true },
    select: { id: true },
  });
  return cancelled.map((r) => r.id);
}

/** Runs waiting to train (the queue-depth gauge). */
export function countQueued(prisma: PrismaClient): Promise<number> {
  return prisma.run.count({ where: { status: 'QUEUED' } });
}
