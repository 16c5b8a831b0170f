import { MockedProvider } from '@apollo/client/testing/react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { TrainAllCategoriesDocument, TrainCategoriesDocument } from '../runs/runs.generated';
import { TrainForm } from './train-form';

const run = (id: string, category: string) => ({
  __typename: 'TrainingRun' as const,
  id,
  category,
  status: 'QUEUED' as const,
  experimentName: 'e',
  createdAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  finishedAt: null,
  totalEpochs: 3,
  error: null,
  metrics: null,
});

describe('TrainForm', () => {
  it('should send trainAll with the window and no category list when All categories is checked', async () => {
    const onStarted = vi.fn();
    const trainAll = {
      request: { query: TrainAllCategoriesDocument, variables: { input: { model: 'AUTO', windowSize: 21 } } },
      result: { data: { trainAll: [run('r1', 'Beauty'), run('r2', 'Clothing')] } },
    };
    render(
      <MockedProvider mocks={[trainAll]}>
        <TrainForm categoryCount={1234} onStarted={onStarted} />
      </MockedProvider>,
    );
    fireEvent.click(screen.getByLabelText('All categories (1,234)'));
    // Nothing to pick one by one while every category is chosen.
    expect(screen.queryByRole('combobox', { name: 'Add a category' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Window, days (7–365)'), { target: { value: '21' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start training' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
    expect(onStarted.mock.calls[0]![0].map((r: { id: string }) => r.id)).toEqual(['r1', 'r2']);
  });

  it('should start with the page’s category as a chip, send train with it, and drop it when removed', async () => {
    const onStarted = vi.fn();
    const train = {
      request: {
        query: TrainCategoriesDocument,
        variables: { input: { categories: ['Toys'], model: 'AUTO' } },
      },
      result: { data: { train: [run('r3', 'Toys')] } },
    };
    render(
      <MockedProvider mocks={[train]}>
        <TrainForm categoryCount={3} initialCategory="Toys" onStarted={onStarted} />
      </MockedProvider>,
    );
    expect(screen.getByRole('list', { name: 'Categories to train' }).textContent).toBe('Toys×');
    fireEvent.click(screen.getByRole('button', { name: 'Start training' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Toys' }));
    expect(screen.queryByRole('list', { name: 'Categories to train' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Start training' }));
    expect(await screen.findByText('Pick at least one category.')).toBeTruthy();
  });
});
