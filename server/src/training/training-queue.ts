/**
 * Trains queued runs, `concurrency` at a time, each in its own worker thread. Wakes on `notify()` (a run
 * was enqueued here) and on a poll timer (runs enqueued by other replicas; cancels requested elsewhere;
 * heartbeats; reaping runs whose process died). Worker messages of a run are handled strictly in order.
 * `stop()` stops claiming, cancels what trains here and marks those runs FAILED (interrupted).
 */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { TrainingHyperparameters } from '../ml/hyperparameters.js';
import type { SalesData } from '../modules/series/sales-data.js';
import { claimNextRun, heartbeat, type ClaimedRun } from './job-queue.js';
import type { RunLifecycle } from './run-lifecycle.js';
import { startTrainingWorker, type TrainingWorkerHandle } from './run-training-worker.js';
import { configSnapshot, modelSettings, type RunModel } from './training-job.js';
import type { WorkerMessage } from './worker-messages.js';

export interface TrainingQueueOptions {
  prisma: PrismaClient;
  config: Config;
  data: SalesData;
  lifecycle: RunLifecycle;
  logger: Logger;
  /** Unique per process; recorded on claimed runs. */
  instanceId: string;
  /** Poll interval for work from other replicas, heartbeats and reaping. @default 1000 */
  pollMs?: number;
  /** A RUNNING run whose heartbeat is older than this is taken as dead. @default 20000 */
  staleMs?: number;
  /**
   * This process is the database's only user (the embedded database's lock guarantees it): every run
   * still RUNNING at start-up was left by a dead process, so it is marked at once, without waiting for
   * its heartbeat to go stale.
   */
  exclusive?: boolean;
  /** Observes each epoch's duration (metrics). */
  onEpoch?: (category: string, elapsedMs: number) => void;
}

interface ActiveRun {
  run: ClaimedRun;
  worker: TrainingWorkerHandle;
  done: Promise<void>;
}

export class TrainingQueue {
  private readonly active = new Map<string, ActiveRun>();
  private timer?: NodeJS.Timeout;
  private filling = false;
  private fillAgain = false;
  private stopping = false;

  constructor(private readonly options: TrainingQueueOptions) {}

  /** Reaps runs left RUNNING by dead processes, then starts claiming. */
  async start(): Promise<void> {
    const staleMs = this.options.exclusive ? 0 : (this.options.staleMs ?? 20_000);
    const reaped = await this.options.lifecycle.markInterrupted(new Date(Date.now() - staleMs));
    if (reaped)
      this.options.logger.warn({ reaped }, 'marked runs left RUNNING by a stopped process as FAILED');
    this.timer = setInterval(() => void this.tick(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.notify();
  }

  /** Runs training in this process right now. */
  get runningCount(): number {
    return this.active.size;
  }

  /** Wakes the queue: a run was just enqueued. */
  notify(): void {
    void this.fill();
  }

  /** Cancels a run if it trains in this process. @returns whether it did. */
  cancel(runId: string): boolean {
    const active = this.active.get(runId);
    active?.worker.cancel();
    return Boolean(active);
  }

  /** Stops claiming, interrupts local runs (marked FAILED: interrupted) and waits for them. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    for (const { worker } of this.active.values()) worker.cancel();
    await Promise.all([...this.active.values()].map((a) => a.done));
  }

  private async tick(): Promise<void> {
    try {
      const cancelled = await heartbeat(this.options.prisma, [...this.active.keys()]);
      cancelled.forEach((id) => this.cancel(id));
      await this.options.lifecycle.markInterrupted(new Date(Date.now() - (this.options.staleMs ?? 20_000)));
      await this.fill();
    } catch (error) {
      this.options.logger.error({ err: error }, 'training queue tick failed; retrying on the next tick');
    }
  }

  private async fill(): Promise<void> {
    if (this.filling) {
      this.fillAgain = true;
      return;
    }
    this.filling = true;
    try {
      do {
        this.fillAgain = false;
        while (!this.stopping && this.active.size < this.options.config.training.concurrency) {
          const run = await claimNextRun(this.options.prisma, this.options.instanceId);
          if (!run) break;
          this.launch(run);
        }
      } while (this.fillAgain && !this.stopping);
    } catch (error) {
      this.options.logger.error({ err: error }, 'could not claim queued runs; retrying on the next tick');
    } finally {
      this.filling = false;
    }
  }

  private launch(run: ClaimedRun): void {
    const { config, data, lifecycle, logger } = this.options;
    const series = data.dailySeries(run.category);
    lifecycle.announceRunning(run);
    let chain: Promise<void> = Promise.resolve();
    const handle = (message: WorkerMessage) => {
      chain = chain
        .then(() => this.onMessage(run, message))
        .catch((error) => logger.error({ err: error, runId: run.id }, 'could not record a training event'));
    };
    const worker = startTrainingWorker(
      {
        runId: run.id,
        series: series ?? { category: run.category, dates: [], values: [] },
        datasetSource: data.csvPath,
        hyperparameters: run.hyperparameters as unknown as TrainingHyperparameters,
        intervalCoverage: config.training.predictionInterval,
        configSnapshot: configSnapshot(config, data.csvPath),
        backend: 'auto',
        ...modelSettings(config, run.model as RunModel),
      },
      { onMessage: handle },
    );
    const done = worker.done
      .then(() => chain)
      .finally(() => {
        this.active.delete(run.id);
        this.notify();
      });
    this.active.set(run.id, { run, worker, done });
    logger.info({ runId: run.id, category: run.category }, 'training started');
  }

  private async onMessage(run: ClaimedRun, message: WorkerMessage): Promise<void> {
    const { lifecycle } = this.options;
    switch (message.type) {
      case 'started':
        return lifecycle.recordBackend(run, message.backend);
      case 'epoch':
        this.options.onEpoch?.(run.category, message.elapsedMs);
        return lifecycle.recordEpoch(run, message);
      case 'candidate':
        return lifecycle.recordCandidate(run, message);
      default:
        this.options.logger.info({ runId: run.id, outcome: message.type }, 'training ended');
        return lifecycle.finish(run, message, { interrupted: this.stopping });
    }
  }
}
