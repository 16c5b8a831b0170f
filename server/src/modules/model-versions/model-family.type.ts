/**
 * `ModelFamily` (PRODUCT.md "Models"): AUTO (every enabled family, champion activated) or one family.
 */
import { registerEnumType } from 'type-graphql';

export enum ModelFamily {
  AUTO = 'AUTO',
  CNN_LSTM = 'CNN_LSTM',
  SEASONAL_NAIVE = 'SEASONAL_NAIVE',
  ETS = 'ETS',
  MSTL = 'MSTL',
  PROPHET = 'PROPHET',
  ARIMA = 'ARIMA',
}
registerEnumType(ModelFamily, {
  name: 'ModelFamily',
  description:
    'AUTO fits every enabled family (config models.enabled), backtests them and activates the best by mean MASE; the others fit one family. ARIMA needs the optional "arima" package.',
});
