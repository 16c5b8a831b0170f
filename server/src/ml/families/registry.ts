/**
 * Families by name, each in its own folder and loaded on first use (a worker that only fits ETS never
 * loads TF.js; one that only fits the CNN-LSTM never starts augurs). Used by backtests, the trainer and
 * the API's model loader.
 */
import type { FamilyName, ModelFamily } from './family.js';

const LOADERS: Record<FamilyName, () => Promise<ModelFamily>> = {
  CNN_LSTM: async () => (await import('./cnn-lstm/cnn-lstm.family.js')).cnnLstmFamily,
  SEASONAL_NAIVE: async () => (await import('./seasonal-naive/seasonal-naive.family.js')).seasonalNaiveFamily,
  ETS: async () => (await import('./ets/ets.family.js')).etsFamily,
  MSTL: async () => (await import('./mstl/mstl.family.js')).mstlFamily,
  PROPHET: async () => (await import('./prophet/prophet.family.js')).prophetFamily,
  ARIMA: async () => (await import('./arima/arima.family.js')).arimaFamily,
};

/** The family called `name`. */
export function getFamily(name: FamilyName): Promise<ModelFamily> {
  return LOADERS[name]();
}
