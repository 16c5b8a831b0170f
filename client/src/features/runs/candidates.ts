/**
 * The candidates of an AUTO run (one per model family) as their CANDIDATE_STARTED / CANDIDATE_FINISHED
 * events arrive: fitting, then their backtest figures, or why they failed. Pure (candidates.test.ts);
 * folded in by use-run-progress.ts, drawn by candidate-list.tsx.
 */
import type { ModelFamily } from '@/types.generated';

/** What a finished candidate reports (CANDIDATE_FINISHED fields). */
interface CandidateFigures {
  modelVersionId?: string | null;
  backtestMae?: number | null;
  backtestMase?: number | null;
  backtestCoverage?: number | null;
  fitSeconds?: number | null;
  fallback?: string | null;
  error?: string | null;
}

export interface CandidateProgress extends CandidateFigures {
  family: ModelFamily;
  state: 'fitting' | 'done' | 'failed';
}

/** The fields of a training event that candidate events fill. */
export interface CandidateEvent extends CandidateFigures {
  type: string;
  family?: ModelFamily | null;
}

/**
 * `current` with the event's candidate added or updated (by family, in start order). A replayed START
 * after the FINISH of the same family does not undo it. Returns `current` itself for other events.
 */
export function applyCandidateEvent(
  current: readonly CandidateProgress[],
  event: CandidateEvent,
): readonly CandidateProgress[] {
  if (!event.family || (event.type !== 'CANDIDATE_STARTED' && event.type !== 'CANDIDATE_FINISHED'))
    return current;
  const index = current.findIndex((c) => c.family === event.family);
  const existing = index >= 0 ? current[index] : undefined;
  let next: CandidateProgress;
  if (event.type === 'CANDIDATE_STARTED') {
    if (existing) return current;
    next = { family: event.family, state: 'fitting' };
  } else {
    next = {
      family: event.family,
      state: event.error && !event.modelVersionId ? 'failed' : 'done',
      modelVersionId: event.modelVersionId,
      backtestMae: event.backtestMae,
      backtestMase: event.backtestMase,
      backtestCoverage: event.backtestCoverage,
      fitSeconds: event.fitSeconds,
      fallback: event.fallback,
      error: event.error,
    };
  }
  return index >= 0 ? current.map((c, i) => (i === index ? next : c)) : [...current, next];
}

/** The finished candidate with the lowest backtest MASE (the one an AUTO run will activate), if any. */
export function leadingCandidate(candidates: readonly CandidateProgress[]): CandidateProgress | undefined {
  return candidates
    .filter((c) => c.state === 'done' && c.backtestMase != null)
    .reduce<CandidateProgress | undefined>(
      (best, c) => (!best || c.backtestMase! < best.backtestMase! ? c : best),
      undefined,
    );
}

/** A finished run's stored candidates (`Run.candidates`) in the shape the live list draws. */
export function candidatesFromVersions(
  versions: readonly {
    id: string;
    family: ModelFamily;
    fitSeconds?: number | null;
    fallback?: string | null;
    backtest?: { mae: number; mase?: number | null; coverage?: number | null } | null;
  }[],
): CandidateProgress[] {
  return versions.map((v) => ({
    family: v.family,
    state: 'done',
    modelVersionId: v.id,
    backtestMae: v.backtest?.mae,
    backtestMase: v.backtest?.mase,
    backtestCoverage: v.backtest?.coverage,
    fitSeconds: v.fitSeconds,
    fallback: v.fallback,
  }));
}
