/**
 * The fitted form of families that cannot condition on new days without refitting (ETS, MSTL, Prophet,
 * ARIMA): the forecast path from the end of the fitted history, computed once in the training worker for
 * `PATH_DAYS` days, plus that history's last week. Serving reads the path, so `predict` never fits on the
 * API's event loop. When a request's recent days differ from the stored week (an edited window, or days
 * that arrived after training), the path is shifted by the difference of the two weeks' means: a level
 * correction, stated as such in the API docs; the weekly shape and trend stay the model's.
 */
import { SEASON_LENGTH } from '../evaluate.js';
import { assertHorizon, type FamilyName, type FamilyState, type FittedModel } from './family.js';

/** Days of forecast stored with a version: the API's largest horizon. */
export const PATH_DAYS = 365;

/** What a path model stores. */
export interface PathModelData {
  /** Forecast of the days after the fitted history (PATH_DAYS long, or shorter in tests). */
  path: number[];
  /** The fitted history's last week, to tell whether a request continues it. */
  lastWeek: number[];
  /** How the family was configured (spec, periods…), for people reading the version. */
  spec: Record<string, unknown>;
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** The level shift that carries `path` over to a request whose recent days are `context`. */
export function levelShift(lastWeek: readonly number[], context: readonly number[] | undefined): number {
  if (!context || context.length === 0) return 0;
  const n = Math.min(SEASON_LENGTH, lastWeek.length, context.length);
  const recent = context.slice(-n);
  const stored = lastWeek.slice(-n);
  if (recent.every((v, i) => Math.abs(v - stored[i]!) < 1e-6)) return 0;
  return mean(recent) - mean(stored);
}

/** A fitted model serving `data.path`. */
export function createPathModel(family: FamilyName, data: PathModelData): FittedModel {
  return {
    family,
    async forecast(horizon, context) {
      assertHorizon(horizon);
      if (horizon > data.path.length)
        throw new RangeError(`${family} versions forecast at most ${data.path.length} days (got ${horizon})`);
      const shift = levelShift(data.lastWeek, context);
      return data.path.slice(0, horizon).map((v) => v + shift);
    },
    state: async (): Promise<FamilyState> => ({ family, data: { ...data } }),
    dispose: () => {},
  };
}

/** Reads a path model back. @throws Error when the state is not a path model's. */
export function loadPathModel(family: FamilyName, state: FamilyState): FittedModel {
  const { path, lastWeek, spec } = state.data as Partial<PathModelData>;
  if (!Array.isArray(path) || !Array.isArray(lastWeek) || path.length === 0)
    throw new Error(`${family} state: path and lastWeek are required`);
  return createPathModel(family, { path, lastWeek, spec: spec ?? {} });
}
