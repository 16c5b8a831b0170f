import { ApolloClient, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MockSubscriptionLink } from '@apollo/client/testing';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { RunProgressSubscription } from './runs.generated';
import { useRunProgress } from './use-run-progress';

type Event = RunProgressSubscription['trainingProgress'];
const event = (over: Partial<Event>): { data: RunProgressSubscription } => ({
  data: {
    trainingProgress: {
      __typename: 'TrainingEvent',
      runId: 'run-1',
      category: 'Beauty',
      type: 'EPOCH',
      status: 'RUNNING',
      epoch: null,
      totalEpochs: 3,
      trainLoss: null,
      valLoss: null,
      elapsedMs: null,
      error: null,
      ...over,
    } as Event,
  },
});
const epoch = (n: number) => event({ epoch: n, trainLoss: 1 / n, valLoss: 2 / n, elapsedMs: 10 });

function setup() {
  const link = new MockSubscriptionLink();
  const client = new ApolloClient({ cache: new InMemoryCache(), link });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ApolloProvider client={client}>{children}</ApolloProvider>
  );
  return { link, ...renderHook(() => useRunProgress('run-1'), { wrapper }) };
}

describe('useRunProgress', () => {
  it('should draw replayed then live epochs once each when the API replays after a reconnect', async () => {
    const { link, result } = setup();
    act(() => {
      link.simulateResult({ result: epoch(1) });
      link.simulateResult({ result: epoch(2) });
    });
    await waitFor(() => expect(result.current.epochs).toHaveLength(2));
    act(() => {
      // a reconnect: the server replays 1 and 2, then sends 3 live
      link.simulateResult({ result: epoch(1) });
      link.simulateResult({ result: epoch(2) });
      link.simulateResult({ result: epoch(3) });
    });
    await waitFor(() => expect(result.current.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]));
    expect(result.current.status).toBe('RUNNING');
  });

  it('should end in the final status when the STATUS event arrives', async () => {
    const { link, result } = setup();
    act(() => {
      link.simulateResult({ result: epoch(1) });
      link.simulateResult({ result: event({ type: 'STATUS', status: 'SUCCEEDED' }) }, true);
    });
    await waitFor(() => expect(result.current.status).toBe('SUCCEEDED'));
    expect(result.current.epochs).toHaveLength(1);
    expect(result.current.totalEpochs).toBe(3);
  });
});
