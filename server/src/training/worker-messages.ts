/**
 * The messages between a training worker thread and the thread that started it, with a validator for
 * what arrives from the worker (it is another thread's output: check it before acting on it).
 *
 * Contract, in order, per job: `started` once → `epoch` once per finished epoch (epochs 1..n, increasing,
 * none skipped) → exactly one terminal message: `done` (with the serialised model version), `cancelled`
 * or `failed`. Nothing follows a terminal message. The parent may send `cancel` at any time; the worker
 * then stops within the current epoch and answers `cancelled` (or `done` if it had already finished).
 */
import { z } from 'zod';
import type { TrainingJob } from './trainer.js';

/** Parent → worker. */
export type ParentMessage = { type: 'start'; job: TrainingJob } | { type: 'cancel' };

const epochFields = {
  epoch: z.number().int().min(1),
  totalEpochs: z.number().int().min(1),
  trainLoss: z.number(),
  valLoss: z.number(),
  elapsedMs: z.number().min(0),
};

const metricsSchema = z.object({
  rmse: z.number(),
  mae: z.number(),
  mase: z.number().nullable(),
  naiveRmse: z.number(),
  naiveMae: z.number(),
  seasonalNaiveRmse: z.number(),
  seasonalNaiveMae: z.number(),
});

/** Worker → parent. */
export const workerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), runId: z.string(), backend: z.string() }),
  z.object({ type: z.literal('epoch'), runId: z.string(), ...epochFields }),
  z.object({
    type: z.literal('done'),
    runId: z.string(),
    backend: z.string(),
    modelVersionId: z.string(),
    bundle: z.instanceof(Uint8Array),
    metrics: metricsSchema,
    secondsPerEpoch: z.number(),
  }),
  z.object({ type: z.literal('cancelled'), runId: z.string(), epochsDone: z.number().int().min(0) }),
  z.object({
    type: z.literal('failed'),
    runId: z.string(),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);

export type WorkerMessage = z.infer<typeof workerMessageSchema>;
export type EpochMessage = Extract<WorkerMessage, { type: 'epoch' }>;
export type TerminalMessage = Extract<WorkerMessage, { type: 'done' | 'cancelled' | 'failed' }>;

/** Parses a message from a worker. @throws Error naming the first invalid field. */
export function parseWorkerMessage(data: unknown): WorkerMessage {
  const parsed = workerMessageSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid worker message: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
