/**
 * MSTL: seasonal-trend decomposition with a weekly period (augurs' MSTL), the deseasonalised part
 * forecast by AutoETS and the weekly pattern added back. A yearly period (365) made MSTL worse than the
 * weekly one alone on every long series tried (shared/notes/forecast-libraries.md), so only 7 is used.
 */
import { SEASON_LENGTH } from '../../evaluate.js';
import { asError, loadAugurs } from '../augurs-wasm.js';
import type { ModelFamily } from '../family.js';
import { createPathModel, loadPathModel, PATH_DAYS } from '../path-model.js';

const PERIODS = [SEASON_LENGTH];

export const mstlFamily: ModelFamily = {
  name: 'MSTL',
  conditions: false,
  minimumDays: () => 3 * SEASON_LENGTH,
  async fit(history) {
    const { mstl } = await loadAugurs();
    const model = mstl.MSTL.ets(Uint32Array.from(PERIODS));
    try {
      model.fit(Float64Array.from(history.values));
      const path = model.predict(PATH_DAYS).point;
      return createPathModel('MSTL', {
        path,
        lastWeek: history.values.slice(-SEASON_LENGTH),
        spec: { library: '@bsull/augurs MSTL', periods: PERIODS, trend: 'AutoETS' },
      });
    } catch (thrown) {
      throw asError(thrown, 'MSTL fit failed');
    } finally {
      model.free();
    }
  },
  load: async (state) => loadPathModel('MSTL', state),
};
