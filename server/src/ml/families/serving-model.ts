/**
 * A stored model version ready to forecast, whatever its family: CNN-LSTM versions through the
 * `ForecastBatcher` (shared forward passes between concurrent requests) on ONNX Runtime or TF.js
 * (`serving.engine`), the others through their family's `load` (path models: no fitting, a table
 * look-up). Used by the API's model cache and the CLI.
 */
import { ForecastBatcher } from '../forecast-batcher.js';
import type { ModelVersionBundle, ModelVersionMeta } from '../model-bundle.js';
import type { CnnLstmScaling } from '../hyperparameters.js';
import { createForwardPass } from '../onnx/forward-pass.js';
import type { ServingEngine } from '../onnx/serving-engine.js';
import { getFamily } from './registry.js';

/** A version that forecasts from a request's recent days. */
export interface ServingModel {
  meta: ModelVersionMeta;
  /** What computes its forecasts: `onnxruntime <version>`, `tfjs`, or the family's own code (`family`). */
  engine: string;
  /** Point forecasts of the `horizon` days after `series` (sales units, before floor and interval). */
  forecast(series: readonly number[], horizon: number): Promise<number[]>;
  dispose(): void;
}

/**
 * Loads a bundle for serving.
 * @param engine what runs CNN-LSTM forward passes (`serving.engine`). @default auto
 * @throws when the bundle lacks what its family needs.
 */
export async function loadServingModel(
  bundle: ModelVersionBundle,
  engine: ServingEngine = 'auto',
): Promise<ServingModel> {
  const { meta } = bundle;
  if (!meta.state || meta.state.family === 'CNN_LSTM') {
    if (!bundle.model) throw new Error(`model version ${meta.id} has no TF.js weights`);
    const pass = await createForwardPass(bundle.model, engine);
    // Versions made before input scalings (no state) are zscore.
    const scaling = (meta.state?.data as { scaling?: CnnLstmScaling } | undefined)?.scaling ?? 'zscore';
    const batcher = new ForecastBatcher(pass, meta.normalization, meta.windowSize, scaling);
    return {
      meta,
      engine: pass.engine,
      forecast: (series, horizon) => batcher.forecast(series, horizon),
      dispose: () => pass.dispose(),
    };
  }
  const family = await getFamily(meta.state.family);
  const fitted = await family.load(meta.state);
  return {
    meta,
    engine: 'family',
    forecast: (series, horizon) => fitted.forecast(horizon, series),
    dispose: () => fitted.dispose(),
  };
}
