/**
 * Wakes the training queues of the other processes on one Postgres. A run queued or cancelled through an
 * API replica that does not train (ROLE=api) would otherwise wait for a worker's next poll (up to
 * `pollMs`, 1 s): `enqueue` and `cancel` send on the `run_queue` channel, and every process that trains
 * claims (or cancels) at once. The poll stays as the safety net: a message lost while the database is away
 * costs one poll interval, nothing more. Only for DATABASE_URL servers (the embedded database serves a
 * single process). Built by app.ts and worker-app.ts.
 */
import type { Logger } from 'pino';
import type { PgNotifications } from '../db/pg-notifications.js';
import { NotifyChannel } from '../graphql/notify-channel.js';

/** What a signal does in a process that trains (the training queue). */
export interface SignalledQueue {
  notify(): void;
  cancel(runId: string): boolean;
}

export class RunQueueSignal {
  private readonly channel: NotifyChannel;

  /** @param queue - this process's queue when it trains; without it the process only sends. */
  constructor(notifications: PgNotifications, logger: Logger, queue?: SignalledQueue) {
    this.channel = new NotifyChannel({
      channel: 'run_queue',
      notifications,
      logger,
      what: 'run queue signals',
      // Bounded small: a signal only says "look now", and the queue re-reads the table itself.
      maxQueued: 100,
      onMessage: (message) => {
        if (!queue) return;
        if (message.kind === 'queued') queue.notify();
        else if (message.kind === 'cancel' && typeof message.runId === 'string') queue.cancel(message.runId);
      },
      // Signals sent while this process could not listen: claim what they announced.
      onReconnected: () => queue?.notify(),
    });
  }

  /** @throws when the first LISTEN fails. */
  start(): Promise<void> {
    return this.channel.start();
  }

  stop(): Promise<void> {
    return this.channel.stop();
  }

  /** Runs were queued: processes that train claim them now. */
  queued(): void {
    this.channel.send({ kind: 'queued' });
  }

  /** A run's cancel was requested: the process training it stops it now. */
  cancelRequested(runId: string): void {
    this.channel.send({ kind: 'cancel', runId });
  }
}
