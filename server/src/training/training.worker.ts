/**
 * Worker-thread entry: the adapter between `worker_threads` messages and `trainer.ts`. It receives one
 * `start` job (and maybe a `cancel`), posts progress as typed messages (see `worker-messages.ts`) and
 * ends with exactly one terminal message. Started by `run-training-worker.ts`; never imported elsewhere.
 */
import { parentPort } from 'node:worker_threads';
import { runTraining } from './trainer.js';
import type { ParentMessage, WorkerMessage } from './worker-messages.js';

if (!parentPort) throw new Error('training.worker.ts must run in a worker thread');
const port = parentPort;
const controller = new AbortController();
let runId = 'unknown';

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error instanceof RangeError ? 'BAD_HYPERPARAMETERS' : 'TRAINING_FAILED';
}

async function start(job: Extract<ParentMessage, { type: 'start' }>['job']): Promise<void> {
  runId = job.runId;
  try {
    const outcome = await runTraining(
      job,
      {
        onStarted: ({ backend }) => post({ type: 'started', runId, backend }),
        onEpoch: (event) => post({ type: 'epoch', runId, ...event }),
        onCandidate: (event) => post({ type: 'candidate', runId, event }),
      },
      controller.signal,
    );
    if (outcome.status === 'cancelled')
      return post({ type: 'cancelled', runId, epochsDone: outcome.epochsDone });
    const { serializeBundle } = await import('../ml/model-bundle.js');
    // Own ArrayBuffers, so they can be transferred without a copy.
    const candidates = outcome.candidates.map((c) => ({
      family: c.family,
      modelVersionId: c.bundle.meta.id,
      bundle: new Uint8Array(serializeBundle(c.bundle)),
      metrics: c.metrics,
      fitSeconds: c.fitSeconds,
    }));
    const champion = candidates.find((c) => c.modelVersionId === outcome.champion.bundle.meta.id)!;
    post(
      {
        type: 'done',
        runId,
        backend: outcome.champion.bundle.meta.tfBackend,
        modelVersionId: champion.modelVersionId,
        bundle: champion.bundle,
        metrics: champion.metrics,
        secondsPerEpoch: outcome.secondsPerEpoch,
        candidates,
      },
      candidates.map((c) => c.bundle.buffer as ArrayBuffer),
    );
  } catch (error) {
    post({ type: 'failed', runId, error: { code: errorCode(error), message: (error as Error).message } });
  }
}

port.on('message', (message: ParentMessage) => {
  if (message.type === 'start') void start(message.job);
  else if (message.type === 'cancel') controller.abort();
});
