/**
 * Between live TF.js models and `ModelArtifacts`: capture a trained model's topology and weights, and
 * build a model from them (on whatever backend is active; a model saved on one backend predicts the same
 * on another). Used by the trainer, the CLI and the API's model cache.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelArtifacts } from './model-bundle.js';

/** Captures topology and weights (no file system involved). */
export async function captureModel(model: tf.LayersModel): Promise<ModelArtifacts> {
  let captured: ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      const joined = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
      captured = {
        modelTopology: artifacts.modelTopology as object,
        weightSpecs: artifacts.weightSpecs ?? [],
        weightData: new Uint8Array(joined ?? new ArrayBuffer(0)),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured) throw new Error('TF.js did not hand over the model artifacts');
  return captured;
}

/** Builds a model from captured artifacts. @throws when topology and weights do not match. */
export async function loadModel(artifacts: ModelArtifacts): Promise<tf.LayersModel> {
  // Copy into a fresh ArrayBuffer: the Uint8Array may be a view into a larger Buffer.
  const weightData = artifacts.weightData.slice().buffer;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: artifacts.modelTopology,
      weightSpecs: artifacts.weightSpecs,
      weightData,
    }),
  );
}
