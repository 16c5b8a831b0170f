/**
 * Turns a worker's candidate report into the `TrainingEvent` the subscription streams (live from the
 * lifecycle, replayed from `Run.candidates`), and names each for de-duplication at the replay seam.
 */
import type { CandidateEvent } from '../../training/trainer.js';
import type { ModelFamily } from '../model-versions/model-family.type.js';
import { TrainingEventType, type TrainingEvent } from './run-event.type.js';
import { RunStatus } from './run.type.js';

/** @returns the event of `candidate` for the run. */
export function toCandidateEvent(
  run: { id: string; category: string; totalEpochs: number },
  candidate: CandidateEvent,
): TrainingEvent {
  const finished = candidate.phase === 'finished' ? candidate : null;
  return {
    runId: run.id,
    category: run.category,
    type:
      candidate.phase === 'started'
        ? TrainingEventType.CANDIDATE_STARTED
        : TrainingEventType.CANDIDATE_FINISHED,
    status: RunStatus.RUNNING,
    epoch: null,
    totalEpochs: run.totalEpochs,
    trainLoss: null,
    valLoss: null,
    elapsedMs: null,
    error: candidate.phase === 'failed' ? candidate.error : null,
    family: candidate.family as ModelFamily,
    modelVersionId: finished?.modelVersionId ?? null,
    backtestMae: finished?.backtest?.mae ?? null,
    backtestMase: finished?.backtest?.mase ?? null,
    backtestCoverage: finished?.backtest?.coverage ?? null,
    fitSeconds: finished?.fitSeconds ?? null,
    fallback: finished?.fallback ?? null,
  };
}

/** A key unique per run for each candidate event, or null for other events. */
export function candidateKey(event: TrainingEvent): string | null {
  if (
    event.type !== TrainingEventType.CANDIDATE_STARTED &&
    event.type !== TrainingEventType.CANDIDATE_FINISHED
  )
    return null;
  return `${event.family}:${event.type}`;
}
