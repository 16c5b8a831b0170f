/**
 * Trains queued runs, `concurrency` at a time, each in its own worker thread. Wakes on `notify()` (a run
 * was enqueued here) and on a poll timer (runs enqueued by other replicas; cancels requested elsewhere;
 * heartbeats; reaping runs whose process died). Worker messages of a run are handled strictly in order,
 * and a write that fails because the database is unreachable is retried (with backoff) until it is back,
 * so a run's stored epochs are complete and its end is recorded: memory stays bounded, since a run sends
 * at most one message per epoch plus its start and end. `stop()` stops claiming, cancels what trains here
 * and marks those runs FAILED (interrupted); it stops retrying after `stopRetryMs`.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { TrainingHyperparameters } from '../ml/hyperparameters.js';
import { isConnectionError } from '../db/db-errors.js';
import { computeBackoff } from '../tracking/backoff.js';
import { OutageLog } from '../tracking/outage-log.js';
import { DATABASE_DATASET, type DailySeriesReader } from '../modules/sales/sales-store.js';
import { claimNextRun, heartbeat, type ClaimedRun } from './job-queue.js';
import type { RunLifecycle } from './run-lifecycle.js';
import { startTrainingWorker, type TrainingWorkerHandle } from './run-training-worker.js';
import { configSnapshot, modelSettings, type RunModel } from './training-job.js';
import type { WorkerMessage } from './worker-messages.js';

export interface TrainingQueueOptions {
  prisma: PrismaClient;
  config: Config;
  /** Where a run's daily series comes from (the sales database), read when the run starts. */
  sales: DailySeriesReader;
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
  /** After `stop()`, how long a write keeps being retried while the database is away. @default 10000 */
  stopRetryMs?: number;
}

const RETRY = { baseMs: 200, maxMs: 5000 };

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
  private giveUpAt = Infinity;
  private readonly database: OutageLog;

  constructor(private readonly options: TrainingQueueOptions) {
    this.database = new OutageLog(options.logger, 'the database (training queue)');
  }

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
    this.giveUpAt = Date.now() + (this.options.stopRetryMs ?? 10_000);
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
      this.database.recovered();
    } catch (error) {
      this.failed(error, 'training queue tick failed; retrying on the next tick');
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
          await this.launch(run);
        }
      } while (this.fillAgain && !this.stopping);
    } catch (error) {
      this.failed(error, 'could not claim queued runs; retrying on the next tick');
    } finally {
      this.filling = false;
    }
  }

  private async launch(run: ClaimedRun): Promise<void> {
    const { config, sales, lifecycle, logger } = this.options;
    lifecycle.announceRunning(run);
    // A failed read is the run's failure (the worker then reports "no data"), never the queue's.
    const series = await sales.dailySeries(run.category).catch((err: unknown) => {
      logger.error({ err, runId: run.id }, 'could not read the daily series of a run');
      return null;
    });
    let chain: Promise<void> = Promise.resolve();
    const handle = (message: WorkerMessage) => {
      if (message.type === 'epoch') this.options.onEpoch?.(run.category, message.elapsedMs);
      chain = chain.then(() => this.record(run, message));
    };
    const worker = startTrainingWorker(
      {
        runId: run.id,
        series: series ?? { category: run.category, dates: [], values: [] },
        datasetSource: DATABASE_DATASET,
        hyperparameters: run.hyperparameters as unknown as TrainingHyperparameters,
        intervalCoverage: config.training.predictionInterval,
        configSnapshot: configSnapshot(config, DATABASE_DATASET),
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
        return lifecycle.recordEpoch(run, message);
      case 'candidate':
        return lifecycle.recordCandidate(run, message);
      default:
        this.options.logger.info({ runId: run.id, outcome: message.type }, 'training ended');
        return lifecycle.finish(run, message, { interrupted: this.stopping });
    }
  }

  /** Records a worker message; retries while the database is unreachable. Never throws. */
  private async record(run: ClaimedRun, message: WorkerMessage): Promise<void> {
    const { logger, prisma } = this.options;
    const terminal = !['started', 'epoch', 'candidate'].includes(message.type);
    for (let attempt = 1; ; attempt++) {
      try {
        // A retried end may have committed before its connection dropped: do not record it twice.
        const finished =
          terminal &&
          attempt > 1 &&
          (await prisma.run.findUnique({ where: { id: run.id }, select: { status: true } }))?.status !==
            'RUNNING';
        if (!finished) await this.onMessage(run, message);
        this.database.recovered();
        return;
      } catch (error) {
        if (!isConnectionError(error)) {
          logger.error({ err: error, runId: run.id }, 'could not record a training event');
          return;
        }
        if (Date.now() > this.giveUpAt) {
          logger.error(
            { runId: run.id, message: message.type },
            'database still unreachable at shutdown: this event is lost and the run is reaped as interrupted',
          );
          return;
        }
        this.database.failed(error, { runId: run.id });
        await new Promise((resolve) => setTimeout(resolve, computeBackoff(attempt, RETRY)));
      }
    }
  }

  /** Logs a failed tick or claim: once per outage when the database is away, else as an error. */
  private failed(error: unknown, message: string): void {
    if (isConnectionError(error)) this.database.failed(error);
    else this.options.logger.error({ err: error }, message);
  }
}
