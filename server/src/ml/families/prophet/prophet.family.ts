/**
 * PROPHET: augurs' Prophet with Prophet's Stan model as WASM (`@bsull/augurs-prophet-wasmstan`), MAP
 * estimation, weekly seasonality, yearly seasonality when the history spans two years (Prophet's own
 * rule), no daily seasonality (the data is daily). Dates go in as Unix seconds. Intervals come from our
 * backtest calibration, so no uncertainty sampling is done here.
 */
import { toDayNumber } from '../../data/daily-series.js';
import { SEASON_LENGTH } from '../../evaluate.js';
import { asError, loadAugurs } from '../augurs-wasm.js';
import type { ModelFamily } from '../family.js';
import { createPathModel, loadPathModel, PATH_DAYS } from '../path-model.js';

const SECONDS_PER_DAY = 86_400;
const YEARLY_MIN_DAYS = 730;

export const prophetFamily: ModelFamily = {
  name: 'PROPHET',
  conditions: false,
  validationRefitDays: SEASON_LENGTH,
  minimumDays: () => 2 * SEASON_LENGTH,
  async fit(history, options) {
    const { prophet, optimizer } = await loadAugurs();
    const yearly = history.values.length >= YEARLY_MIN_DAYS;
    const model = new prophet.Prophet({
      optimizer,
      uncertaintySamples: 0,
      weeklySeasonality: { type: 'manual', enabled: true },
      yearlySeasonality: { type: 'manual', enabled: yearly },
      dailySeasonality: { type: 'manual', enabled: false },
    });
    try {
      const first = toDayNumber(history.startDate) * SECONDS_PER_DAY;
      const ds = history.values.map((_, i) => first + i * SECONDS_PER_DAY);
      model.fit({ ds, y: [...history.values] }, { seed: options.seed });
      const future = model.makeFutureDataframe(PATH_DAYS, { includeHistory: false });
      const path = model.predict(future).yhat.point;
      return createPathModel('PROPHET', {
        path,
        lastWeek: history.values.slice(-SEASON_LENGTH),
        spec: { library: '@bsull/augurs Prophet + wasmstan', weekly: true, yearly, estimation: 'map' },
      });
    } catch (thrown) {
      throw asError(thrown, 'Prophet fit failed');
    } finally {
      model.free();
    }
  },
  load: async (state) => loadPathModel('PROPHET', state),
};
