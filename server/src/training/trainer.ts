/**
 * One training run, start to finish, independent of where it runs: for each family of the run (one, or
 * every enabled family for AUTO) fit, backtest, validate and package a model version (`fit-candidate.ts`),
 * reporting each candidate's start and result; then pick the champion (lowest mean backtest MASE). Progress
 * goes to a sink; `training.worker.ts` adapts it to worker messages, tests call it directly.
 */
import type { BackendName } from '../ml/backend.js';
import { initBackend } from '../ml/backend.js';
import { DataError } from '../ml/data/data-error.js';
import type { DailySeries } from '../ml/data/daily-series.js';
import type { Backtest } from '../ml/backtest/rolling-origin.js';
import type { ForecastMetrics } from '../ml/evaluate.js';
import { FitCancelledError, type FamilyName } from '../ml/families/family.js';
import { getFamily } from '../ml/families/registry.js';
import type { TrainingHyperparameters } from '../ml/hyperparameters.js';
import type { EpochEvent } from '../ml/train-model.js';
import { fitCandidate, pickChampion, type CandidateResult } from './fit-candidate.js';

/** Everything a run needs; plain data so it crosses a thread boundary. */
export interface TrainingJob {
  runId: string;
  series: DailySeries;
  /** Where the data came from (CSV path), recorded with the version. */
  datasetSource: string;
  hyperparameters: TrainingHyperparameters;
  /** Nominal coverage of the forecast interval, e.g. 0.9. */
  intervalCoverage: number;
  configSnapshot: Record<string, unknown>;
  backend: BackendName | 'auto';
  /** The families to fit, in order: one for a single-family run, the enabled ones for AUTO. */
  families: FamilyName[];
  backtest: { origins: number; horizon: number };
  /** One-step validation refit interval of families that refit (config `models.validation_refit_days`). */
  validationRefitDays: number;
}

/** A candidate's progress, as the subscription streams it. */
export type CandidateEvent =
  | { phase: 'started'; family: FamilyName }
  | {
      phase: 'finished';
      family: FamilyName;
      modelVersionId: string;
      backtest: Pick<Backtest, 'origins' | 'horizon' | 'mae' | 'rmse' | 'mase' | 'smape' | 'coverage'> | null;
      validationMae: number;
      fitSeconds: number;
      fallback: string | null;
    }
  | { phase: 'failed'; family: FamilyName; error: string };

/** Receives progress; called in order (started → per candidate: started, epochs…, finished). */
export interface TrainerSink {
  onStarted(info: { backend: BackendName }): void;
  onEpoch(event: EpochEvent): void | Promise<void>;
  onCandidate?(event: CandidateEvent): void;
}

export type TrainingOutcome =
  | {
      status: 'succeeded';
      candidates: CandidateResult[];
      champion: CandidateResult;
      /** Seconds per CNN-LSTM epoch, null when no CNN-LSTM was fitted. */
      secondsPerEpoch: number | null;
    }
  | { status: 'cancelled'; epochsDone: number };

function finishedEvent(c: CandidateResult): CandidateEvent {
  const b = c.backtest;
  return {
    phase: 'finished',
    family: c.family,
    modelVersionId: c.bundle.meta.id,
    backtest: b && {
      origins: b.origins,
      horizon: b.horizon,
      mae: b.mae,
      rmse: b.rmse,
      mase: b.mase,
      smape: b.smape,
      coverage: b.coverage,
    },
    validationMae: c.metrics.mae,
    fitSeconds: c.fitSeconds,
    fallback: c.fallback,
  };
}

/**
 * Runs a job. A candidate that throws is reported and skipped; the run fails only when none succeeds.
 * @throws DataError for unusable data, RangeError for impossible hyperparameters, Error when every
 *   candidate failed; the adapter turns these into `failed` messages.
 */
export async function runTraining(
  job: TrainingJob,
  sink: TrainerSink,
  signal?: AbortSignal,
): Promise<TrainingOutcome> {
  const hp = job.hyperparameters;
  for (const name of job.families) {
    const family = await getFamily(name);
    const needed = family.minimumDays({ hyperparameters: hp });
    if (job.series.values.length < Math.max(needed, hp.windowSize + 1)) {
      throw new DataError(
        'NOT_ENOUGH_DAYS',
        `category "${job.series.category}" has ${job.series.values.length} day(s); ${name} needs at least ${needed}: add data or lower window_size`,
        { category: job.series.category, days: job.series.values.length, needed },
      );
    }
  }
  if (job.families.includes('CNN_LSTM') && hp.kernelSize > hp.windowSize)
    throw new RangeError(`kernel size ${hp.kernelSize} is larger than the window (${hp.windowSize} days)`);
  const backend = await initBackend(job.backend);
  sink.onStarted({ backend });
  const candidates: CandidateResult[] = [];
  const failures: string[] = [];
  let epochsDone = 0;
  for (const name of job.families) {
    if (signal?.aborted) return { status: 'cancelled', epochsDone };
    sink.onCandidate?.({ phase: 'started', family: name });
    try {
      const result = await fitCandidate(name, job, {
        seed: hp.seed,
        hyperparameters: hp,
        signal,
        backend,
        onEpoch: (e) => {
          epochsDone = e.epoch;
          return sink.onEpoch(e);
        },
      });
      candidates.push(result);
      sink.onCandidate?.(finishedEvent(result));
    } catch (error) {
      if (error instanceof FitCancelledError) return { status: 'cancelled', epochsDone };
      // One family failing (e.g. ARIMA not installed) must not sink the others in an AUTO run.
      if (job.families.length === 1) throw error;
      failures.push(`${name}: ${(error as Error).message}`);
      sink.onCandidate?.({ phase: 'failed', family: name, error: (error as Error).message });
    }
  }
  if (candidates.length === 0) throw new Error(`every candidate failed: ${failures.join('; ')}`);
  const cnn = candidates.find((c) => c.family === 'CNN_LSTM')?.bundle.meta.epochs ?? [];
  const totalMs = cnn.reduce((sum, e) => sum + e.elapsedMs, 0);
  return {
    status: 'succeeded',
    candidates,
    champion: pickChampion(candidates),
    secondsPerEpoch: cnn.length ? totalMs / 1000 / cnn.length : null,
  };
}

export type { CandidateResult, ForecastMetrics };
