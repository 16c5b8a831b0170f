import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RunsTable } from './runs-table';
import type { RunSummaryFragment } from './runs.generated';

const run = (over: Partial<RunSummaryFragment>): RunSummaryFragment => ({
  id: '11111111-2222-3333-4444-555555555555',
  category: 'Beauty',
  status: 'SUCCEEDED',
  experimentName: 'sales-forecast',
  createdAt: '2026-11-26T10:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  totalEpochs: 3,
  error: null,
  metrics: {
    mae: 10,
    naiveMae: 12,
    seasonalNaiveMae: 11,
    rmse: 1,
    naiveRmse: 1,
    seasonalNaiveRmse: 1,
    mase: 0.91,
  },
  ...over,
});

describe('RunsTable', () => {
  it('should show the metrics against the baselines and the verdict', () => {
    render(<RunsTable runs={[run({})]} />);
    const row = screen.getAllByTestId('run-row')[0]!;
    expect(within(row).getByText('10.00')).toBeTruthy();
    expect(within(row).getByText('11.00')).toBeTruthy();
    expect(within(row).getByText('0.91')).toBeTruthy();
    expect(within(row).getByText('Beats both baselines')).toBeTruthy();
    expect(within(row).getByRole('link').getAttribute('href')).toBe(
      '/runs/11111111-2222-3333-4444-555555555555',
    );
  });

  it('should show why a run failed instead of a verdict', () => {
    render(
      <RunsTable runs={[run({ status: 'FAILED', metrics: null, error: 'TRAINING_FAILED: diverged' })]} />,
    );
    expect(screen.getByText('Failed')).toBeTruthy();
    expect(screen.getByText(/diverged/)).toBeTruthy();
  });
});
