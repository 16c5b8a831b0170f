/**
 * The state machine of a run in the database, and the events it publishes: QUEUED → RUNNING (claimed by
 * the queue) → SUCCEEDED | FAILED | CANCELLED. Every change is written first and published second, so a
 * subscriber that reads the database after subscribing misses nothing (see run-event.type.ts). Success
 * stores the model version and makes it the category's active one in the same transaction. Each change
 * queues its MLflow write (tracking/outbox.ts) in the same transaction, so MLflow never sees a change
 * that rolled back and never misses one that committed; nothing here waits for MLflow.
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import type { RunEventHub } from '../graphql/run-event-hub.js';
import { toDbDay } from '../db/day.js';
import { deserializeBundle, type ModelVersionMeta } from '../ml/model-bundle.js';
import {
  enqueueCandidateRuns,
  enqueueEpoch,
  enqueueRunFinished,
  enqueueRunStarted,
  type CandidateRunInput,
} from '../tracking/outbox.js';
import { RunStatus } from '../modules/runs/run.type.js';
import { TrainingEventType, type TrainingEvent } from '../modules/runs/run-event.type.js';
import { toCandidateEvent } from '../modules/runs/candidate-event.js';
import type { CandidateMessage, EpochMessage, TerminalMessage } from './worker-messages.js';

/** The run fields events need. */
export interface RunRef {
  id: string;
  category: string;
  totalEpochs: number;
}

/** A stored candidate as its MLflow child run reports it. */
function toCandidateRunInput(
  v: {
    modelVersionId: string;
    family: string;
    fitSeconds: number;
    metrics: CandidateRunInput['validation'];
    meta: ModelVersionMeta;
  },
  champion: boolean,
): CandidateRunInput {
  const b = v.meta.backtest;
  return {
    modelVersionId: v.modelVersionId,
    family: v.family,
    champion,
    fitSeconds: v.fitSeconds,
    validation: v.metrics,
    backtest: b ? { ...b, folds: b.folds.map((f) => ({ mae: f.mae, mase: f.mase })) } : null,
  };
}

export const INTERRUPTED = 'interrupted: the server stopped while this run was training';

/** Callbacks of `RunLifecycle`. */
export interface RunLifecycleHooks {
  /** Called after a new model version became active (to refresh caches). */
  onModelActivated?: (category: string) => void;
  /** Called after a change that queued MLflow writes has committed (wakes the MLflow sync). */
  onOutboxWritten?: () => void;
}

export class RunLifecycle {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly hub: RunEventHub,
    private readonly hooks: RunLifecycleHooks = {},
  ) {}

  private statusEvent(run: RunRef, status: RunStatus, error: string | null = null): TrainingEvent {
    return {
      runId: run.id,
      category: run.category,
      type: TrainingEventType.STATUS,
      status,
      epoch: null,
      totalEpochs: run.totalEpochs,
      trainLoss: null,
      valLoss: null,
      elapsedMs: null,
      error,
    };
  }

  /** Announces a run the queue has just claimed (the claim itself set RUNNING). */
  announceRunning(run: RunRef): void {
    this.hub.publish(this.statusEvent(run, RunStatus.RUNNING));
  }

  /** Records the backend the run trains on; the MLflow run is created from here (its tags need it). */
  async recordBackend(run: RunRef, backend: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.run.update({
        where: { id: run.id },
        data: { tfBackend: backend, heartbeatAt: new Date() },
      });
      await enqueueRunStarted(tx, run.id);
    });
    this.hooks.onOutboxWritten?.();
  }

  /** Stores an epoch (idempotent per run and epoch), then publishes it. */
  async recordEpoch(run: RunRef, message: EpochMessage): Promise<void> {
    const values = {
      trainLoss: message.trainLoss,
      valLoss: message.valLoss,
      elapsedMs: Math.round(message.elapsedMs),
    };
    await this.prisma.$transaction(async (tx) => {
      await tx.epochMetric.upsert({
        where: { runId_epoch: { runId: run.id, epoch: message.epoch } },
        create: { runId: run.id, epoch: message.epoch, ...values },
        update: values,
      });
      await enqueueEpoch(tx, run.id, message);
    });
    this.hooks.onOutboxWritten?.();
    this.hub.publish({
      ...this.statusEvent(run, RunStatus.RUNNING),
      type: TrainingEventType.EPOCH,
      epoch: message.epoch,
      ...values,
    });
  }

  /**
   * Appends a candidate's report to the run (for replay), then publishes it. Idempotent per family and
   * phase: a write retried after its commit was not acknowledged is not stored twice.
   */
  async recordCandidate(run: RunRef, message: CandidateMessage): Promise<void> {
    // Messages of a run are handled one at a time, in order: read-modify-write is safe here.
    const row = await this.prisma.run.findUnique({ where: { id: run.id }, select: { candidates: true } });
    const stored = (Array.isArray(row?.candidates) ? row.candidates : []) as {
      family?: string;
      phase?: string;
    }[];
    const { family, phase } = message.event;
    if (!stored.some((e) => e.family === family && e.phase === phase)) {
      await this.prisma.run.update({
        where: { id: run.id },
        data: { candidates: [...stored, message.event] as object[], heartbeatAt: new Date() },
      });
    }
    this.hub.publish(toCandidateEvent(run, message.event));
  }

  /** Records how a run ended. `interrupted` turns a cancellation caused by shutdown into FAILED. */
  async finish(
    run: RunRef,
    message: TerminalMessage,
    options: { interrupted?: boolean } = {},
  ): Promise<void> {
    if (message.type === 'done') return this.succeed(run, message);
    const cancelled = message.type === 'cancelled' && !options.interrupted;
    const status = cancelled ? RunStatus.CANCELLED : RunStatus.FAILED;
    const error =
      message.type === 'failed'
        ? `${message.error.code}: ${message.error.message}`
        : cancelled
          ? null
          : INTERRUPTED;
    await this.prisma.$transaction(async (tx) => {
      await tx.run.update({
        where: { id: run.id },
        data: { status, error, finishedAt: new Date(), claimedBy: null },
      });
      await enqueueRunFinished(tx, run.id, { status });
    });
    this.hooks.onOutboxWritten?.();
    this.hub.publish(this.statusEvent(run, status, error));
  }

  private async succeed(run: RunRef, message: Extract<TerminalMessage, { type: 'done' }>): Promise<void> {
    const versions = message.candidates.map((c) => ({ ...c, meta: deserializeBundle(c.bundle).meta }));
    const championId = message.modelVersionId;
    await this.prisma.$transaction(async (tx) => {
      await tx.modelVersion.updateMany({
        where: { category: run.category, active: true },
        data: { active: false },
      });
      for (const v of versions) {
        const plotPng = deserializeBundle(v.bundle).plotPng;
        await tx.modelVersion.create({
          data: {
            id: v.modelVersionId,
            category: run.category,
            runId: run.id,
            active: v.modelVersionId === championId,
            champion: v.modelVersionId === championId,
            family: v.family,
            backtest: (v.meta.backtest ?? undefined) as object | undefined,
            fitSeconds: v.fitSeconds,
            fallback: v.meta.fallback ?? null,
            windowSize: v.meta.windowSize,
            dataLastDay: toDbDay(v.meta.dataset.lastDate),
            tfBackend: message.backend,
            // The interval rides along with the metrics: ModelVersion exposes it without loading the artifact.
            metrics: { ...v.metrics, interval: { ...v.meta.interval } },
            artifact: v.bundle,
            plotPng: plotPng ? new Uint8Array(plotPng) : null,
            source: 'api',
          },
        });
      }
      await tx.run.update({
        where: { id: run.id },
        data: {
          status: RunStatus.SUCCEEDED,
          finishedAt: new Date(),
          metrics: { ...message.metrics },
          secondsPerEpoch: message.secondsPerEpoch,
          tfBackend: message.backend,
          claimedBy: null,
        },
      });
      // Several candidates (AUTO): one child MLflow run each under this run's, before the parent ends.
      if (versions.length > 1) {
        await enqueueCandidateRuns(
          tx,
          run.id,
          run.category,
          versions.map((v) => toCandidateRunInput(v, v.modelVersionId === championId)),
        );
      }
      await enqueueRunFinished(tx, run.id, {
        status: RunStatus.SUCCEEDED,
        metrics: message.metrics,
        modelVersionId: championId,
      });
    });
    this.hooks.onOutboxWritten?.();
    this.hooks.onModelActivated?.(run.category);
    this.hub.publish(this.statusEvent(run, RunStatus.SUCCEEDED));
  }

  /**
   * Marks RUNNING runs whose heartbeat is older than `staleBefore` as FAILED (interrupted): their process
   * died. @returns how many runs were marked.
   */
  async markInterrupted(staleBefore: Date): Promise<number> {
    const stale = await this.prisma.run.findMany({
      where: { status: RunStatus.RUNNING, OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: staleBefore } }] },
      select: { id: true, category: true, totalEpochs: true },
    });
    for (const run of stale) {
      const count = await this.prisma.$transaction(async (tx) => {
        const updated = await tx.run.updateMany({
          where: { id: run.id, status: RunStatus.RUNNING },
          data: { status: RunStatus.FAILED, error: INTERRUPTED, finishedAt: new Date(), claimedBy: null },
        });
        if (updated.count) await enqueueRunFinished(tx, run.id, { status: RunStatus.FAILED });
        return updated.count;
      });
      if (count) {
        this.hooks.onOutboxWritten?.();
        this.hub.publish(this.statusEvent(run, RunStatus.FAILED, INTERRUPTED));
      }
    }
    return stale.length;
  }
}
