/**
 * ETS: augurs' AutoETS, the error/trend model chosen by AICc among the non-seasonal specs ("ZZN"). augurs'
 * AutoETS ignores the season length (seasonal specs fail with "no model found"), so weekly seasonality is
 * MSTL's job; ETS stays the level/trend candidate. Refit per backtest origin (fits take milliseconds).
 */
import { SEASON_LENGTH } from '../../evaluate.js';
import { asError, loadAugurs } from '../augurs-wasm.js';
import type { ModelFamily } from '../family.js';
import { createPathModel, loadPathModel, PATH_DAYS } from '../path-model.js';

const SPEC = 'ZZN';

export const etsFamily: ModelFamily = {
  name: 'ETS',
  conditions: false,
  minimumDays: () => 2 * SEASON_LENGTH,
  async fit(history) {
    const { ets } = await loadAugurs();
    const model = new ets.AutoETS(1, SPEC);
    try {
      model.fit(Float64Array.from(history.values));
      const path = model.predict(PATH_DAYS).point;
      return createPathModel('ETS', {
        path,
        lastWeek: history.values.slice(-SEASON_LENGTH),
        spec: { library: '@bsull/augurs AutoETS', spec: SPEC },
      });
    } catch (thrown) {
      throw asError(thrown, 'ETS fit failed');
    } finally {
      model.free();
    }
  },
  load: async (state) => loadPathModel('ETS', state),
};
