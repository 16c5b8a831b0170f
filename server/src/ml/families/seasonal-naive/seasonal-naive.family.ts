/**
 * SEASONAL_NAIVE: every day forecast by the same weekday of the last week seen. No parameters, so it
 * conditions on whatever recent days it is given; its state is the last week of the fitted history.
 */
import { SEASON_LENGTH } from '../../evaluate.js';
import type { FamilyState, FittedModel, ModelFamily } from '../family.js';
import { seasonalNaive } from '../seasonal-naive.js';

function fitted(lastWeek: readonly number[]): FittedModel {
  return {
    family: 'SEASONAL_NAIVE',
    forecast: async (horizon, context) => seasonalNaive(context ?? lastWeek, horizon),
    state: async (): Promise<FamilyState> => ({
      family: 'SEASONAL_NAIVE',
      data: { lastWeek: [...lastWeek] },
    }),
    dispose: () => {},
  };
}

export const seasonalNaiveFamily: ModelFamily = {
  name: 'SEASONAL_NAIVE',
  conditions: true,
  minimumDays: () => SEASON_LENGTH,
  async fit(history) {
    if (history.values.length < SEASON_LENGTH)
      throw new RangeError(`seasonal naive needs ${SEASON_LENGTH} days (got ${history.values.length})`);
    return fitted(history.values.slice(-SEASON_LENGTH));
  },
  async load(state) {
    const lastWeek = state.data.lastWeek;
    if (!Array.isArray(lastWeek) || lastWeek.length !== SEASON_LENGTH)
      throw new Error('SEASONAL_NAIVE state: lastWeek must hold 7 values');
    return fitted(lastWeek as number[]);
  },
};
