/**
 * The state machine of a run in the database, and the events it publishes: QUEUED → RUNNING (claimed by
 * the queue) → SUCCEEDED | FAILED | CANCELLED. Every change is written first and published second, so a
 * subscriber that reads the database after subscribing misses nothing (see run-event.type.ts). Success
 * stores the model version and makes it the category's active one in the same transaction.
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import type { RunEventHub } from '../graphql/run-event-hub.js';
import { deserializeBundle } from '../ml/model-bundle.js';
import { RunStatus } from '../modules/runs/run.type.js';
import { TrainingEventType, type TrainingEvent } from '../modules/runs/run-event.type.js';
import type { EpochMessage, TerminalMessage } from './worker-messages.js';

/** The run fields events need. */
export interface RunRef {
  id: string;
  category: string;
  totalEpochs: number;
}

export const INTERRUPTED = 'interrupted: the server stopped while this run was training';

export class RunLifecycle {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly hub: RunEventHub,
    /** Called after a new model version became active (to refresh caches). */
    private readonly onModelActivated: (category: string) => void = () => {},
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

  async recordBackend(run: RunRef, backend: string): Promise<void> {
    await this.prisma.run.update({
      where: { id: run.id },
      data: { tfBackend: backend, heartbeatAt: new Date() },
    });
  }

  /** Stores an epoch (idempotent per run and epoch), then publishes it. */
  async recordEpoch(run: RunRef, message: EpochMessage): Promise<void> {
    const values = {
      trainLoss: message.trainLoss,
      valLoss: message.valLoss,
      elapsedMs: Math.round(message.elapsedMs),
    };
    await this.prisma.epochMetric.upsert({
      where: { runId_epoch: { runId: run.id, epoch: message.epoch } },
      create: { runId: run.id, epoch: message.epoch, ...values },
      update: values,
    });
    this.hub.publish({
      ...this.statusEvent(run, RunStatus.RUNNING),
      type: TrainingEventType.EPOCH,
      epoch: message.epoch,
      ...values,
    });
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
    await this.prisma.run.update({
      where: { id: run.id },
      data: { status, error, finishedAt: new Date(), claimedBy: null },
    });
    this.hub.publish(this.statusEvent(run, status, error));
  }

  private async succeed(run: RunRef, message: Extract<TerminalMessage, { type: 'done' }>): Promise<void> {
    const bundle = deserializeBundle(message.bundle);
    await this.prisma.$transaction([
      this.prisma.modelVersion.updateMany({
        where: { category: run.category, active: true },
        data: { active: false },
      }),
      this.prisma.modelVersion.create({
        data: {
          id: bundle.meta.id,
          category: run.category,
          runId: run.id,
          active: true,
          windowSize: bundle.meta.windowSize,
          tfBackend: message.backend,
          metrics: { ...message.metrics },
          artifact: message.bundle,
          plotPng: bundle.plotPng ? new Uint8Array(bundle.plotPng) : null,
          source: 'api',
        },
      }),
      this.prisma.run.update({
        where: { id: run.id },
        data: {
          status: RunStatus.SUCCEEDED,
          finishedAt: new Date(),
          metrics: { ...message.metrics },
          secondsPerEpoch: message.secondsPerEpoch,
          tfBackend: message.backend,
          claimedBy: null,
        },
      }),
    ]);
    this.onModelActivated(run.category);
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
      const { count } = await this.prisma.run.updateMany({
        where: { id: run.id, status: RunStatus.RUNNING },
        data: { status: RunStatus.FAILED, error: INTERRUPTED, finishedAt: new Date(), claimedBy: null },
      });
      if (count) this.hub.publish(this.statusEvent(run, RunStatus.FAILED, INTERRUPTED));
    }
    return stale.length;
  }
}
