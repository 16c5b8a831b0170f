/**
 * Runs one import in a worker thread (import.worker.ts), off the caller's event loop: forwards progress,
 * resolves with the outcome, and turns a crash of the worker into a `failed` result. `terminate()` stops
 * it at once: its database session ends, so its staging table and any open transaction go with it.
 * Used by the API's import runner.
 */
import { Worker } from 'node:worker_threads';
import type { ImportJob, ImportOutcome, ImportProgress } from './import-sales-file.js';

/** Worker → parent messages. */
export type ImportWorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; outcome: ImportOutcome }
  | { type: 'failed'; message: string };

export interface ImportWorkerHandle {
  /** The outcome, or the reason the worker failed; never rejects. */
  readonly done: Promise<{ outcome: ImportOutcome } | { failed: string }>;
  terminate(): Promise<void>;
}

// Under the TypeScript sources (dev, tests) the worker needs the same SWC loader as its parent.
const TS = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(TS ? './import.worker.ts' : './import.worker.js', import.meta.url);
const EXEC_ARGV = TS ? ['--import', '@swc-node/register/esm-register'] : [];

/** Starts the worker for `job`. */
export function startImportWorker(
  job: ImportJob,
  onProgress: (p: ImportProgress) => void,
): ImportWorkerHandle {
  const worker = new Worker(WORKER_URL, { execArgv: EXEC_ARGV });
  const done = new Promise<{ outcome: ImportOutcome } | { failed: string }>((resolve) => {
    worker.on('message', (message: ImportWorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else resolve(message.type === 'done' ? { outcome: message.outcome } : { failed: message.message });
    });
    worker.on('error', (error) => resolve({ failed: `import worker crashed: ${error.message}` }));
    worker.on('exit', (code) => resolve({ failed: `import worker exited with code ${code}` }));
  });
  void done.then(() => worker.terminate());
  worker.postMessage(job);
  return { done, terminate: async () => void (await worker.terminate()) };
}
