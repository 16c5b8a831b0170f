/**
 * The one interface every model family implements (CNN-LSTM, seasonal naive, ETS, MSTL, Prophet, ARIMA):
 * fit on a daily history, forecast a horizon, turn the fitted model into plain data and back. Backtests
 * (`ml/backtest/`), the trainer and the API's `predict` only talk to families through these types.
 */
import type { EpochEvent } from '../train-model.js';
import type { TrainingHyperparameters } from '../hyperparameters.js';
import type { ModelArtifacts } from '../model-bundle.js';

/** Families by their GraphQL/CLI name (PRODUCT.md `ModelFamily`, without AUTO). */
export const FAMILY_NAMES = ['CNN_LSTM', 'SEASONAL_NAIVE', 'ETS', 'MSTL', 'PROPHET', 'ARIMA'] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];

/** A daily history: consecutive days from `startDate`, oldest first (zero-filled gaps). */
export interface History {
  /** `YYYY-MM-DD` of `values[0]`. */
  startDate: string;
  values: readonly number[];
}

/** What a fit may use besides the data. */
export interface FitOptions {
  /** Seeds every random choice of the fit (weights, shuffles, optimiser restarts). */
  seed: number;
  /** CNN-LSTM shape and training settings (other families ignore them). */
  hyperparameters: TrainingHyperparameters;
  /** Aborting stops a long fit early; it then throws `FitCancelledError`. */
  signal?: AbortSignal;
  /** Per-epoch progress of families that train in epochs (the CNN-LSTM). */
  onEpoch?: (event: EpochEvent) => void | Promise<void>;
}

/** A fitted model's plain-data form (JSON-safe), stored in a model version's bundle. */
export interface FamilyState {
  family: FamilyName;
  /** Family-specific content (a version number inside when the shape may change). */
  data: Record<string, unknown>;
  /** Binary weights (the CNN-LSTM's TF.js topology and weights), kept out of the JSON. */
  artifacts?: ModelArtifacts;
}

/** A model fitted on a history. */
export interface FittedModel {
  readonly family: FamilyName;
  /**
   * Point forecasts of the `horizon` days after the fitted history, or after `context` (the most recent
   * days, oldest first) for families that condition on recent values (`conditions`).
   * @throws RangeError on a horizon < 1 or a context shorter than the family needs.
   */
  forecast(horizon: number, context?: readonly number[]): Promise<number[]>;
  /** The plain-data form `ModelFamily.load` reads back. */
  state(): Promise<FamilyState>;
  /** Frees native/WASM memory (TF.js tensors, WASM objects). Idempotent. */
  dispose(): void;
  /** Epochs the fit ran, for families that train in epochs. */
  readonly epochs?: EpochEvent[];
}

/** A model family: how to fit it and how to read a fitted one back. */
export interface ModelFamily {
  readonly name: FamilyName;
  /**
   * True when forecasts can start from any recent `context` without refitting (seasonal naive, the
   * CNN-LSTM): backtests then fit once before the first origin and condition at the later ones.
   */
  readonly conditions: boolean;
  /**
   * Fewest validation days between refits worth paying for in one-step validation. Prophet's forecast
   * depends on its parameters, not on the latest days, so a weekly refit loses little and saves ~40 s
   * per category; absent = the configured interval.
   */
  readonly validationRefitDays?: number;
  /**
   * Throws when the family cannot run in this install (ARIMA without its package): a candidate that
   * cannot start fails, where a fit that fails numerically falls back to seasonal naive.
   */
  assertAvailable?(): Promise<void>;
  /** Fewest days a fit needs. */
  minimumDays(options: Pick<FitOptions, 'hyperparameters'>): number;
  /** Fits on `history`. @throws DataError/RangeError on unusable input, Error when the fit fails. */
  fit(history: History, options: FitOptions): Promise<FittedModel>;
  /** Rebuilds a fitted model from `state()`. */
  load(state: FamilyState): Promise<FittedModel>;
}

/** Thrown by a fit stopped through its signal. */
export class FitCancelledError extends Error {
  override readonly name = 'FitCancelledError';
  constructor(readonly epochsDone = 0) {
    super('the fit was cancelled');
  }
}

/** The family's name when `value` is one (case-insensitive), else null. */
export function parseFamilyName(value: string): FamilyName | null {
  const upper = value.toUpperCase();
  return (FAMILY_NAMES as readonly string[]).includes(upper) ? (upper as FamilyName) : null;
}

/** Rejects horizons a forecast cannot have. @throws RangeError */
export function assertHorizon(horizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be ≥ 1 (got ${horizon})`);
}
