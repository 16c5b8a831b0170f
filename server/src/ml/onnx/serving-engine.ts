/**
 * What runs a CNN-LSTM version's forward passes in the API (`serving.engine` in config.yaml): `auto` —
 * ONNX Runtime, or TF.js when `onnxruntime-node` cannot load here (logged once); `onnx` — ONNX Runtime
 * or an error; `tfjs` — TF.js only. Its own file so the config schema does not load TF.js.
 */
export const SERVING_ENGINES = ['auto', 'onnx', 'tfjs'] as const;
export type ServingEngine = (typeof SERVING_ENGINES)[number];
