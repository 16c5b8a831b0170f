/**
 * The messages between a training worker thread and the thread that started it, with a validator for
 * what arrives from the worker (it is another thread's output: check it before acting on it).
 *
 * Contract, in order, per job: `started` once → per candidate family: `candidate` (phase started), its
 * `epoch`s when it trains in epochs (the CNN-LSTM: 1..n, increasing, none skipped), `candidate` (phase
 * finished, with its backtest summary, or failed) → exactly one terminal message: `done` (every
 * candidate's serialised model version, the champion's id and metrics), `cancelled` or `failed`. Nothing
 * follows a terminal message. The parent may send `cancel` at any time; the worker
 * then stops within the current epoch and answers `cancelled` (or `done` if it had already finished).
 */
import { z } from 'zod';
import { FAMILY_NAMES } from '../ml/families/family.js';
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

const familySchema = z.enum(FAMILY_NAMES);

const backtestSummarySchema = z.object({
  origins: z.number().int(),
  horizon: z.number().int(),
  mae: z.number(),
  rmse: z.number(),
  mase: z.number().nullable(),
  smape: z.number(),
  coverage: z.number().nullable(),
});

/** A candidate's start, result or failure (`trainer.ts` `CandidateEvent`). */
export const candidateEventSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('started'), family: familySchema }),
  z.object({
    phase: z.literal('finished'),
    family: familySchema,
    modelVersionId: z.string(),
    backtest: backtestSummarySchema.nullable(),
    validationMae: z.number(),
    fitSeconds: z.number(),
    fallback: z.string().nullable(),
  }),
  z.object({ phase: z.literal('failed'), family: familySchema, error: z.string() }),
]);

/** Worker → parent. */
export const workerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), runId: z.string(), backend: z.string() }),
  z.object({ type: z.literal('epoch'), runId: z.string(), ...epochFields }),
  z.object({ type: z.literal('candidate'), runId: z.string(), event: candidateEventSchema }),
  z.object({
    type: z.literal('done'),
    runId: z.string(),
    backend: z.string(),
    /** The champion's version id, bundle and one-step validation metrics. */
    modelVersionId: z.string(),
    bundle: z.instanceof(Uint8Array),
    metrics: metricsSchema,
    /** Seconds per CNN-LSTM epoch; null when the run fitted no CNN-LSTM. */
    secondsPerEpoch: z.number().nullable(),
    /** Every candidate's version (the champion's included), in the order they were fitted. */
    candidates: z.array(
      z.object({
        family: familySchema,
        modelVersionId: z.string(),
        bundle: z.instanceof(Uint8Array),
        metrics: metricsSchema,
        fitSeconds: z.number(),
      }),
    ),
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
export type CandidateMessage = Extract<WorkerMessage, { type: 'candidate' }>;
export type DoneMessage = Extract<WorkerMessage, { type: 'done' }>;
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
