/**
 * Runs one training job in a worker thread, off the caller's event loop: forwards validated progress
 * messages to `onMessage`, resolves with the terminal message, and turns a worker crash into a `failed`
 * one. `cancel()` asks the worker to stop within the epoch and terminates it if it does not answer within
 * `cancelGraceMs`. Used by the CLI and by the API's training queue.
 */
import { Worker } from 'node:worker_threads';
import type { TrainingJob } from './trainer.js';
import { parseWorkerMessage, type TerminalMessage, type WorkerMessage } from './worker-messages.js';

export interface TrainingWorkerOptions {
  /** Every message from the worker, terminal ones included, in order. */
  onMessage?: (message: WorkerMessage) => void;
  /** How long a cancelled worker may take to answer before it is terminated. @default 30000 */
  cancelGraceMs?: number;
}

export interface TrainingWorkerHandle {
  /** Resolves with the terminal message; never rejects. */
  readonly done: Promise<TerminalMessage>;
  /** Asks the worker to stop (idempotent). */
  cancel(): void;
  readonly threadId: number;
}

// Under the TypeScript sources (dev, tests) the worker needs the same SWC loader as its parent.
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './training.worker.ts' : './training.worker.js',
  import.meta.url,
);
const WORKER_EXEC_ARGV = import.meta.url.endsWith('.ts')
  ? ['--import', '@swc-node/register/esm-register']
  : [];

/** Starts a worker thread for `job`. */
export function startTrainingWorker(
  job: TrainingJob,
  options: TrainingWorkerOptions = {},
): TrainingWorkerHandle {
  const worker = new Worker(WORKER_URL, { execArgv: WORKER_EXEC_ARGV });
  let settled = false;
  let epochsSeen = 0;
  let resolveDone!: (message: TerminalMessage) => void;
  const done = new Promise<TerminalMessage>((resolve) => (resolveDone = resolve));
  const finish = (message: TerminalMessage) => {
    if (settled) return;
    settled = true;
    options.onMessage?.(message);
    resolveDone(message);
    void worker.terminate();
  };
  const fail = (code: string, message: string) =>
    finish({ type: 'failed', runId: job.runId, error: { code, message } });

  worker.on('message', (data: unknown) => {
    if (settled) return;
    let message: WorkerMessage;
    try {
      message = parseWorkerMessage(data);
    } catch (error) {
      return fail('WORKER_PROTOCOL', (error as Error).message);
    }
    if (message.type === 'done' || message.type === 'cancelled' || message.type === 'failed')
      return finish(message);
    if (message.type === 'epoch') epochsSeen = message.epoch;
    options.onMessage?.(message);
  });
  worker.on('error', (error) => fail('WORKER_CRASHED', `training worker crashed: ${error.message}`));
  worker.on('exit', (code) => fail('WORKER_CRASHED', `training worker exited with code ${code}`));
  worker.postMessage({ type: 'start', job });

  let cancelled = false;
  return {
    done,
    threadId: worker.threadId,
    cancel() {
      if (cancelled || settled) return;
      cancelled = true;
      worker.postMessage({ type: 'cancel' });
      const timer = setTimeout(() => {
        finish({ type: 'cancelled', runId: job.runId, epochsDone: epochsSeen });
      }, options.cancelGraceMs ?? 30_000);
      timer.unref();
      void done.then(() => clearTimeout(timer));
    },
  };
}
