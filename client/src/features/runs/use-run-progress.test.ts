import { describe, expect, it } from 'vitest';
import { applyTrainingEvent, mergeEpochs, type EpochPoint, type RunProgress } from './use-run-progress';

const e = (epoch: number, loss = epoch / 10): EpochPoint => ({
  epoch,
  trainLoss: loss,
  valLoss: loss * 2,
  elapsedMs: 100,
});

describe('mergeEpochs', () => {
  it('should sort epochs by number when they arrive out of order', () => {
    expect(mergeEpochs([], [e(3), e(1), e(2)]).map((x) => x.epoch)).toEqual([1, 2, 3]);
  });

  it('should not duplicate epochs when a replay repeats stored ones', () => {
    const live = mergeEpochs([e(1), e(2)], [e(3)]);
    const replayed = mergeEpochs(live, [e(1), e(2), e(3)]);
    expect(replayed.map((x) => x.epoch)).toEqual([1, 2, 3]);
  });

  it('should return the same array when nothing changes, so React skips the render', () => {
    const current = mergeEpochs([], [e(1), e(2)]);
    expect(mergeEpochs(current, [e(2)])).toBe(current);
    expect(mergeEpochs(current, [])).toBe(current);
  });

  it('should let the incoming value win when an epoch clashes', () => {
    const merged = mergeEpochs([e(1, 0.5)], [e(1, 0.25)]);
    expect(merged).toEqual([e(1, 0.25)]);
  });

  it('should interleave a replay that arrives after live epochs (reconnect)', () => {
    const merged = mergeEpochs([e(4), e(5)], [e(1), e(2), e(3), e(4)]);
    expect(merged.map((x) => x.epoch)).toEqual([1, 2, 3, 4, 5]);
  });

  it('should not mutate its inputs', () => {
    const current = [e(2), e(1)];
    const incoming = [e(3)];
    mergeEpochs(current, incoming);
    expect(current.map((x) => x.epoch)).toEqual([2, 1]);
    expect(incoming).toHaveLength(1);
  });
});

describe('applyTrainingEvent', () => {
  const start: RunProgress = { epochs: [], status: null, totalEpochs: null, error: null, candidates: [] };
  const base = {
    runId: 'r',
    category: 'Beauty',
    totalEpochs: 3,
    trainLoss: null,
    valLoss: null,
    epoch: null,
    elapsedMs: null,
    error: null,
    family: null,
    modelVersionId: null,
    backtestMae: null,
    backtestMase: null,
    backtestCoverage: null,
    fitSeconds: null,
    fallback: null,
  };

  it('should add an epoch and take the status when an EPOCH event arrives', () => {
    const next = applyTrainingEvent(start, {
      ...base,
      type: 'EPOCH',
      status: 'RUNNING',
      epoch: 1,
      trainLoss: 1,
      valLoss: 2,
      elapsedMs: 5,
    });
    expect(next).toEqual({
      candidates: [],
      epochs: [{ epoch: 1, trainLoss: 1, valLoss: 2, elapsedMs: 5 }],
      status: 'RUNNING',
      totalEpochs: 3,
      error: null,
    });
  });

  it('should keep a terminal status when a replayed RUNNING event arrives after it', () => {
    const done = applyTrainingEvent(start, { ...base, type: 'STATUS', status: 'SUCCEEDED' });
    const replay = applyTrainingEvent(done, {
      ...base,
      type: 'EPOCH',
      status: 'RUNNING',
      epoch: 1,
      trainLoss: 1,
      valLoss: 2,
    });
    expect(replay.status).toBe('SUCCEEDED');
    expect(replay.epochs).toHaveLength(1);
  });

  it('should carry the error when the run fails', () => {
    const failed = applyTrainingEvent(start, {
      ...base,
      type: 'STATUS',
      status: 'FAILED',
      error: 'diverged',
    });
    expect(failed).toMatchObject({ status: 'FAILED', error: 'diverged' });
  });

  it('should return the same object when an event changes nothing', () => {
    const one = applyTrainingEvent(start, {
      ...base,
      type: 'EPOCH',
      status: 'RUNNING',
      epoch: 1,
      trainLoss: 1,
      valLoss: 2,
    });
    expect(
      applyTrainingEvent(one, {
        ...base,
        type: 'EPOCH',
        status: 'RUNNING',
        epoch: 1,
        trainLoss: 1,
        valLoss: 2,
      }),
    ).toBe(one);
  });

  it('should list candidates as they start and finish without touching the run error', () => {
    const running = applyTrainingEvent(start, { ...base, type: 'STATUS', status: 'RUNNING' });
    const started = applyTrainingEvent(running, {
      ...base,
      type: 'CANDIDATE_STARTED',
      status: 'RUNNING',
      family: 'ETS',
    });
    expect(started.candidates).toEqual([{ family: 'ETS', state: 'fitting' }]);
    const finished = applyTrainingEvent(started, {
      ...base,
      type: 'CANDIDATE_FINISHED',
      status: 'RUNNING',
      family: 'ETS',
      modelVersionId: 'v1',
      backtestMase: 0.8,
      backtestMae: 12,
    });
    expect(finished.candidates).toMatchObject([{ family: 'ETS', state: 'done', backtestMase: 0.8 }]);
    const failed = applyTrainingEvent(finished, {
      ...base,
      type: 'CANDIDATE_FINISHED',
      status: 'RUNNING',
      family: 'PROPHET',
      error: 'did not converge',
    });
    expect(failed.candidates?.map((c) => c.state)).toEqual(['done', 'failed']);
    expect(failed.error).toBeNull();
    expect(failed.status).toBe('RUNNING');
  });
});
