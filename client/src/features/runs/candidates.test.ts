import { describe, expect, it } from 'vitest';
import { applyCandidateEvent, candidatesFromVersions, leadingCandidate } from './candidates';

describe('applyCandidateEvent', () => {
  it('should add a fitting candidate on CANDIDATE_STARTED and fill it on CANDIDATE_FINISHED', () => {
    const started = applyCandidateEvent([], { type: 'CANDIDATE_STARTED', family: 'ETS' });
    expect(started).toEqual([{ family: 'ETS', state: 'fitting' }]);
    const done = applyCandidateEvent(started, {
      type: 'CANDIDATE_FINISHED',
      family: 'ETS',
      modelVersionId: 'v1',
      backtestMae: 3,
      backtestMase: 0.9,
      backtestCoverage: 0.85,
      fitSeconds: 0.4,
    });
    expect(done).toEqual([
      {
        family: 'ETS',
        state: 'done',
        modelVersionId: 'v1',
        backtestMae: 3,
        backtestMase: 0.9,
        backtestCoverage: 0.85,
        fitSeconds: 0.4,
        fallback: undefined,
        error: undefined,
      },
    ]);
  });
  it('should keep start order and not undo a finish when a START is replayed', () => {
    let list = applyCandidateEvent([], { type: 'CANDIDATE_STARTED', family: 'CNN_LSTM' });
    list = applyCandidateEvent(list, { type: 'CANDIDATE_STARTED', family: 'ETS' });
    list = applyCandidateEvent(list, { type: 'CANDIDATE_FINISHED', family: 'CNN_LSTM', modelVersionId: 'v' });
    const replayed = applyCandidateEvent(list, { type: 'CANDIDATE_STARTED', family: 'CNN_LSTM' });
    expect(replayed).toBe(list);
    expect(list.map((c) => [c.family, c.state])).toEqual([
      ['CNN_LSTM', 'done'],
      ['ETS', 'fitting'],
    ]);
  });
  it('should mark a candidate failed when it finished with an error and no version', () => {
    const list = applyCandidateEvent([], {
      type: 'CANDIDATE_FINISHED',
      family: 'PROPHET',
      error: 'diverged',
    });
    expect(list).toMatchObject([{ family: 'PROPHET', state: 'failed', error: 'diverged' }]);
  });
  it('should ignore epochs and status events', () => {
    const list = [{ family: 'ETS' as const, state: 'fitting' as const }];
    expect(applyCandidateEvent(list, { type: 'EPOCH', family: null })).toBe(list);
    expect(applyCandidateEvent(list, { type: 'STATUS' })).toBe(list);
  });
});

describe('leadingCandidate', () => {
  it('should pick the finished candidate with the lowest MASE', () => {
    const lead = leadingCandidate([
      { family: 'ETS', state: 'done', backtestMase: 0.9 },
      { family: 'MSTL', state: 'done', backtestMase: 0.7 },
      { family: 'PROPHET', state: 'fitting' },
      { family: 'CNN_LSTM', state: 'done', backtestMase: null },
    ]);
    expect(lead?.family).toBe('MSTL');
    expect(leadingCandidate([{ family: 'ETS', state: 'fitting' }])).toBeUndefined();
  });
});

describe('candidatesFromVersions', () => {
  it("should turn a finished run's stored candidates into finished entries", () => {
    expect(
      candidatesFromVersions([
        { id: 'v', family: 'ETS', fitSeconds: 1, backtest: { mae: 2, mase: 0.5, coverage: 0.9 } },
      ]),
    ).toMatchObject([
      { family: 'ETS', state: 'done', modelVersionId: 'v', backtestMase: 0.5, backtestCoverage: 0.9 },
    ]);
  });
});
