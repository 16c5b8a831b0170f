'use client';
/**
 * Live progress of one training run over the `trainingProgress(runId)` subscription. The API replays the
 * epochs already stored, then streams live ones (and may replay again after a reconnect), so epochs are
 * merged by epoch number: no duplicates, sorted, the latest value of an epoch wins. Status events update
 * the status (and error); CANDIDATE_* events (AUTO runs) the candidates (candidates.ts). Also leaves User Timing marks for the latency measurement (see latency-marks.ts).
 */
import { useSubscription } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { markEpochArrived } from '@/lib/latency-marks';
import type { RunStatus } from '@/types.generated';
import { applyCandidateEvent, type CandidateProgress } from './candidates';
import { RunProgressDocument, type RunProgressSubscription } from './runs.generated';

export interface EpochPoint {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  elapsedMs?: number | null;
}

export interface RunProgress {
  epochs: readonly EpochPoint[];
  status: RunStatus | null;
  totalEpochs: number | null;
  error: string | null;
  /** AUTO runs: each family's fit and backtest, in start order. */
  candidates: readonly CandidateProgress[];
}

const sameEpoch = (a: EpochPoint, b: EpochPoint) =>
  a.trainLoss === b.trainLoss && a.valLoss === b.valLoss && (a.elapsedMs ?? null) === (b.elapsedMs ?? null);

/**
 * Union of two epoch lists by epoch number, sorted ascending; on a clash `incoming` wins. Returns `current`
 * itself when nothing changes, so React can skip the re-render of a replayed epoch.
 */
export function mergeEpochs(
  current: readonly EpochPoint[],
  incoming: readonly EpochPoint[],
): readonly EpochPoint[] {
  if (!incoming.length) return current;
  const byEpoch = new Map(current.map((e) => [e.epoch, e]));
  let changed = false;
  for (const e of incoming) {
    const existing = byEpoch.get(e.epoch);
    if (existing && sameEpoch(existing, e)) continue;
    byEpoch.set(e.epoch, e);
    changed = true;
  }
  if (!changed) return current;
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

type TrainingEvent = RunProgressSubscription['trainingProgress'];

const TERMINAL: readonly RunStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
export const isTerminal = (status: RunStatus | null | undefined) => !!status && TERMINAL.includes(status);

/** Folds one subscription event into the progress (pure). */
export function applyTrainingEvent(progress: RunProgress, event: TrainingEvent): RunProgress {
  const epochs =
    event.type === 'EPOCH' && event.epoch != null && event.trainLoss != null && event.valLoss != null
      ? mergeEpochs(progress.epochs, [
          {
            epoch: event.epoch,
            trainLoss: event.trainLoss,
            valLoss: event.valLoss,
            elapsedMs: event.elapsedMs,
          },
        ])
      : progress.epochs;
  // A replayed epoch must not take a finished run back to RUNNING.
  const status = isTerminal(progress.status) && !isTerminal(event.status) ? progress.status : event.status;
  const isCandidate = event.type === 'CANDIDATE_STARTED' || event.type === 'CANDIDATE_FINISHED';
  // A failed candidate's error is its own, not the run's.
  const error = (isCandidate ? null : event.error) ?? (status === 'FAILED' ? progress.error : null);
  const candidates = applyCandidateEvent(progress.candidates, event);
  if (
    epochs === progress.epochs &&
    candidates === progress.candidates &&
    status === progress.status &&
    error === progress.error &&
    event.totalEpochs === progress.totalEpochs
  )
    return progress;
  return { epochs, status, totalEpochs: event.totalEpochs, error, candidates };
}

export interface UseRunProgressOptions {
  /** What the page already knows (e.g. from the `run` query); merged with the events. */
  initial?: Partial<RunProgress>;
  /** Don't subscribe (e.g. a run that has already finished and whose epochs are all known). */
  skip?: boolean;
}

export function useRunProgress(runId: string, options: UseRunProgressOptions = {}) {
  const [progress, setProgress] = useState<RunProgress>(() => ({
    epochs: mergeEpochs([], options.initial?.epochs ?? []),
    status: options.initial?.status ?? null,
    totalEpochs: options.initial?.totalEpochs ?? null,
    error: options.initial?.error ?? null,
    candidates: [],
  }));
  const onData = useCallback(
    ({ data }: { data: { data?: RunProgressSubscription | null } }) => {
      const event = data.data?.trainingProgress;
      if (!event) return;
      if (event.type === 'EPOCH' && event.epoch != null) markEpochArrived(runId, event.epoch);
      setProgress((p) => applyTrainingEvent(p, event));
    },
    [runId],
  );
  const subscription = useSubscription(RunProgressDocument, {
    variables: { runId },
    skip: options.skip || !runId,
    onData,
  });
  return { ...progress, connectionError: subscription.error ?? null, restart: subscription.restart };
}
