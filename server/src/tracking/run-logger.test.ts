/**
 * The MLflow payload builders: names, order, stringification and determinism of what the outbox enqueues.
 */
import { describe, expect, it } from '@jest/globals';
import {
  buildEpochMetrics,
  buildFinalMetrics,
  buildParams,
  buildRunName,
  buildRunTags,
} from './run-logger.js';

describe('run-logger', () => {
  it('should name the run CNNLSTM-{category} when given a category', () => {
    expect(buildRunName('Beauty')).toBe('CNNLSTM-Beauty');
  });

  it('should build the six product tags in a fixed order when given run data', () => {
    const tags = buildRunTags({
      category: 'Beauty',
      datasetName: 'sales_data.csv',
      windowSize: 14,
      learningRate: 0.001,
      tfBackend: 'wasm',
      model: 'CNNLSTM',
    });
    expect(tags).toEqual([
      { key: 'item_id', value: 'Beauty' },
      { key: 'model', value: 'CNNLSTM' },
      { key: 'dataset', value: 'sales_data.csv' },
      { key: 'window_size', value: '14' },
      { key: 'learning_rate', value: '0.001' },
      { key: 'tf_backend', value: 'wasm' },
    ]);
  });

  it('should stringify and sort params by key when given hyperparameters in any order', () => {
    const a = buildParams({ lstmUnits: 64, batchSize: 32, Seed: 42, shuffle: true, optimizer: 'adam' });
    const b = buildParams({ optimizer: 'adam', shuffle: true, Seed: 42, batchSize: 32, lstmUnits: 64 });
    expect(a).toEqual(b);
    expect(a).toEqual([
      { key: 'Seed', value: '42' },
      { key: 'batchSize', value: '32' },
      { key: 'lstmUnits', value: '64' },
      { key: 'optimizer', value: 'adam' },
      { key: 'shuffle', value: 'true' },
    ]);
  });

  it('should throw when a param value is longer than MLflow accepts', () => {
    expect(() => buildParams({ notes: 'x'.repeat(6001) })).toThrow(RangeError);
  });

  it('should log train_loss and val_loss at step = epoch when an epoch ends', () => {
    expect(
      buildEpochMetrics({ epoch: 3, trainLoss: 0.5, valLoss: 0.7, timestamp: 1_700_000_000_000.9 }),
    ).toEqual([
      { key: 'train_loss', value: 0.5, timestamp: 1_700_000_000_000, step: 3 },
      { key: 'val_loss', value: 0.7, timestamp: 1_700_000_000_000, step: 3 },
    ]);
  });

  it('should include mase only when it is finite', () => {
    const input = {
      rmse: 10,
      mae: 8,
      naiveRmse: 12,
      naiveMae: 9,
      seasonalNaiveRmse: 11,
      seasonalNaiveMae: 7,
      timestamp: 5,
    };
    const keys = (mase?: number) => buildFinalMetrics({ ...input, mase }).map((m) => m.key);
    expect(keys(0.9)).toEqual([
      'rmse',
      'mae',
      'mase',
      'naive_rmse',
      'naive_mae',
      'seasonal_naive_rmse',
      'seasonal_naive_mae',
    ]);
    expect(keys(Infinity)).not.toContain('mase');
    expect(keys(undefined)).not.toContain('mase');
    expect(buildFinalMetrics({ ...input, mase: 0.9 })[0]).toEqual({
      key: 'rmse',
      value: 10,
      timestamp: 5,
      step: 0,
    });
  });
});
