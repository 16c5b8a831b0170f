import { describe, expect, it } from '@jest/globals';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { deserializeBundle } from '../ml/model-bundle.js';
import { syntheticSeries, TINY_HP } from '../ml/test-hyperparameters.js';
import type { DailySeries } from '../ml/data/daily-series.js';
import { startTrainingWorker } from './run-training-worker.js';
import type { TrainingJob } from './trainer.js';
import type { WorkerMessage } from './worker-messages.js';

function series(days: number): DailySeries {
  const start = Date.parse('2024-01-01T00:00:00Z');
  return {
    category: 'Beauty',
    dates: Array.from({ length: days }, (_, i) =>
      new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    ),
    values: syntheticSeries(days),
  };
}

function job(overrides: Partial<TrainingJob['hyperparameters']> = {}, days = 120): TrainingJob {
  return {
    runId: 'run-1',
    series: series(days),
    datasetSource: 'synthetic',
    hyperparameters: { ...TINY_HP, ...overrides },
    intervalCoverage: 0.9,
    configSnapshot: { test: true },
    backend: 'wasm',
    families: ['CNN_LSTM'],
    backtest: { origins: 2, horizon: 7 },
    validationRefitDays: 1,
  };
}

const label = (m: WorkerMessage) =>
  m.type === 'epoch'
    ? `epoch${m.epoch}`
    : m.type === 'candidate'
      ? `candidate:${m.event.phase}:${m.event.family}`
      : m.type;

describe('startTrainingWorker', () => {
  it('should emit started, one event per epoch in order, then done with a loadable version', async () => {
    const messages: WorkerMessage[] = [];
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const outcome = await startTrainingWorker(job({ epochs: 3 }), { onMessage: (m) => messages.push(m) })
      .done;
    delay.disable();
    expect(messages.map(label)).toEqual([
      'started',
      'candidate:started:CNN_LSTM',
      'epoch1',
      'epoch2',
      'epoch3',
      'candidate:finished:CNN_LSTM',
      'done',
    ]);
    expect(outcome.type).toBe('done');
    if (outcome.type !== 'done') return;
    const bundle = deserializeBundle(outcome.bundle);
    expect(bundle.meta.id).toBe(outcome.modelVersionId);
    expect(bundle.meta.epochs).toHaveLength(3);
    expect(bundle.meta.tfBackend).toBe('wasm');
    expect(bundle.plotPng?.subarray(1, 4)).toEqual(new Uint8Array([80, 78, 71])); // "PNG"
    expect(outcome.metrics.seasonalNaiveMae).toBeGreaterThanOrEqual(0);
    // Training ran on another thread: this one stayed responsive.
    expect(delay.percentile(99) / 1e6).toBeLessThan(200);
  });

  it('should fit every family of an AUTO job, report each, and pick the lowest backtest MASE', async () => {
    const messages: WorkerMessage[] = [];
    const auto = { ...job({}, 150), families: ['SEASONAL_NAIVE', 'ARIMA', 'MSTL'] as const };
    const outcome = await startTrainingWorker(
      { ...auto, families: [...auto.families], backtest: { origins: 3, horizon: 7 } },
      { onMessage: (m) => messages.push(m) },
    ).done;
    expect(messages.map(label)).toEqual([
      'started',
      'candidate:started:SEASONAL_NAIVE',
      'candidate:finished:SEASONAL_NAIVE',
      'candidate:started:ARIMA',
      'candidate:failed:ARIMA', // not installed: reported, and the others still run
      'candidate:started:MSTL',
      'candidate:finished:MSTL',
      'done',
    ]);
    if (outcome.type !== 'done') throw new Error(`expected done, got ${outcome.type}`);
    expect(outcome.candidates.map((c) => c.family)).toEqual(['SEASONAL_NAIVE', 'MSTL']);
    const mase = (family: string) => {
      const event = messages.find(
        (m) => m.type === 'candidate' && m.event.phase === 'finished' && m.event.family === family,
      );
      return event?.type === 'candidate' && event.event.phase === 'finished'
        ? event.event.backtest!.mase!
        : NaN;
    };
    const best = mase('MSTL') < mase('SEASONAL_NAIVE') ? 'MSTL' : 'SEASONAL_NAIVE';
    expect(outcome.candidates.find((c) => c.modelVersionId === outcome.modelVersionId)?.family).toBe(best);
    const meta = deserializeBundle(outcome.candidates[1]!.bundle).meta;
    expect(meta.family).toBe('MSTL');
    expect(meta.backtest?.origins).toBe(3);
    expect(meta.interval.stepHalfWidths).toHaveLength(7);
    expect(outcome.secondsPerEpoch).toBeNull();
  });

  it('should backtest each CNN-LSTM input scaling under scaling auto in an AUTO run and keep the lowest MASE', async () => {
    const single = await startTrainingWorker(job({ scaling: 'auto', epochs: 1 }, 150)).done;
    if (single.type !== 'done') throw new Error(`expected done, got ${single.type}`);
    // Alone in its run, the CNN-LSTM streams epochs at once: the best single scaling, no trials.
    expect(deserializeBundle(single.bundle).meta).toMatchObject({ hyperparameters: { scaling: 'window' } });
    expect(deserializeBundle(single.bundle).meta.scalingTrials).toBeUndefined();
    const auto = { ...job({ scaling: 'auto', epochs: 2 }, 150), families: ['CNN_LSTM', 'SEASONAL_NAIVE'] };
    const outcome = await startTrainingWorker(auto as TrainingJob).done;
    if (outcome.type !== 'done') throw new Error(`expected done, got ${outcome.type}`);
    const meta = deserializeBundle(outcome.candidates[0]!.bundle).meta;
    const trials = meta.scalingTrials!;
    expect(Object.keys(trials).sort()).toEqual(['log1p', 'window', 'zscore']);
    const best = Object.entries(trials).sort((a, b) => (a[1] ?? Infinity) - (b[1] ?? Infinity))[0]![0];
    expect(meta.hyperparameters.scaling).toBe(best);
    expect(meta.backtest!.mase).toBe(trials[best]);
  });

  it('should stop within an epoch and answer cancelled when cancelled mid-run', async () => {
    const epochs: number[] = [];
    const handle = startTrainingWorker(job({ epochs: 200, batchSize: 4 }), {
      onMessage: (m) => {
        if (m.type !== 'epoch') return;
        epochs.push(m.epoch);
        if (m.epoch === 1) handle.cancel();
      },
    });
    const outcome = await handle.done;
    expect(outcome).toEqual({ type: 'cancelled', runId: 'run-1', epochsDone: expect.any(Number) });
    // The cancel arrived during epoch 2 at the latest, so at most one more epoch finished.
    expect(epochs.length).toBeLessThanOrEqual(2);
  });

  it('should answer failed with a data error code when the series is shorter than two windows', async () => {
    const outcome = await startTrainingWorker(job({}, 20)).done;
    expect(outcome).toMatchObject({ type: 'failed', error: { code: 'NOT_ENOUGH_DAYS' } });
  });

  it('should answer failed when the hyperparameters cannot build a model', async () => {
    const outcome = await startTrainingWorker(job({ kernelSize: 20 })).done;
    expect(outcome).toMatchObject({ type: 'failed', error: { code: 'BAD_HYPERPARAMETERS' } });
  });
});
