/**
 * Worker-thread entry of an import: runs `importSalesFile` for the one job it is sent and posts its
 * progress, then exactly one `done` or `failed` message. CSV parsing and row checks (the CPU part of an
 * import) so stay off the API's event loop. Started by run-import-worker.ts; never imported elsewhere.
 */
import { parentPort } from 'node:worker_threads';
import { importSalesFile, type ImportJob } from './import-sales-file.js';
import type { ImportWorkerMessage } from './run-import-worker.js';

if (!parentPort) throw new Error('import.worker.ts must run in a worker thread');
const port = parentPort;
const post = (message: ImportWorkerMessage) => port.postMessage(message);

port.once('message', (job: ImportJob) => {
  importSalesFile(job, (progress) => post({ type: 'progress', progress })).then(
    (outcome) => post({ type: 'done', outcome }),
    (error: unknown) =>
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
