/**
 * A model version as one value: TF.js topology + weights, normalisation, hyperparameters, config snapshot,
 * metrics, interval and evaluation plot; serialisable to bytes (stored in Postgres by the API) and back.
 * Byte layout: "SFMB1\n", uint32 BE header length, JSON header, then the weights and the PNG.
 * Folder layout lives in `model-folder.ts`; building/loading the TF.js model from it in `model-io.ts`.
 */
import type * as tf from '@tensorflow/tfjs';
import type { EpochEvent } from './train-model.js';
import type { ForecastMetrics } from './evaluate.js';
import type { Normalization } from './data/normalize.js';
import type { PredictionInterval } from './prediction-interval.js';
import type { TrainingHyperparameters } from './hyperparameters.js';
import type { FamilyName } from './families/family.js';
import type { Backtest } from './backtest/rolling-origin.js';

/** Everything about a version except its binary parts. */
export interface ModelVersionMeta {
  formatVersion: 1;
  id: string;
  category: string;
  createdAt: string;
  tfBackend: string;
  windowSize: number;
  normalization: Normalization;
  hyperparameters: TrainingHyperparameters;
  /** The configuration the run used (config.yaml after overrides), for reproduction. */
  configSnapshot: Record<string, unknown>;
  metrics: ForecastMetrics;
  interval: PredictionInterval;
  dataset: {
    source: string;
    firstDate: string;
    lastDate: string;
    days: number;
    trainDays: number;
    validationDays: number;
  };
  epochs: EpochEvent[];
  /** The family this version is a candidate of; absent in versions made before families (CNN_LSTM). */
  family?: FamilyName;
  /**
   * The fitted model's plain data (`FamilyState`). Its `family` is the one that serves: SEASONAL_NAIVE
   * when the candidate's own fit failed or diverged (`fallback` says why). Absent = the CNN-LSTM below.
   */
  state?: { family: FamilyName; data: Record<string, unknown> };
  /** Rolling-origin backtest of the candidate, null when the history was too short for one origin. */
  backtest?: Backtest | null;
  /** Seconds the final fit took. */
  fitSeconds?: number;
  /** Why the final fit fell back to seasonal naive, or null. */
  fallback?: string | null;
  /** CNN-LSTM with scaling `auto`: the backtest MASE of each scaling tried (the lowest was kept). */
  scalingTrials?: Record<string, number | null>;
}

/** The TF.js model as saved by `model.save(withSaveHandler)`. */
export interface ModelArtifacts {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: Uint8Array;
}

export interface ModelVersionBundle {
  meta: ModelVersionMeta;
  /** TF.js topology and weights: CNN-LSTM versions only. */
  model?: ModelArtifacts;
  plotPng?: Uint8Array;
}

const MAGIC = Buffer.from('SFMB1\n');

interface Header {
  meta: ModelVersionMeta;
  /** null for families without TF.js weights. */
  modelTopology: object | null;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightBytes: number;
  plotBytes: number;
}

/** Serialises a bundle to one byte array. */
export function serializeBundle(bundle: ModelVersionBundle): Uint8Array {
  const plot = bundle.plotPng ?? new Uint8Array();
  const weights = bundle.model?.weightData ?? new Uint8Array();
  const header: Header = {
    meta: bundle.meta,
    modelTopology: bundle.model?.modelTopology ?? null,
    weightSpecs: bundle.model?.weightSpecs ?? [],
    weightBytes: weights.byteLength,
    plotBytes: plot.byteLength,
  };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.byteLength);
  return Buffer.concat([MAGIC, length, json, weights, plot]);
}

/** Reads bytes written by `serializeBundle`. @throws Error when the bytes are not a bundle. */
export function deserializeBundle(bytes: Uint8Array): ModelVersionBundle {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.byteLength < MAGIC.length + 4 || !buffer.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error('not a model version bundle (bad magic)');
  }
  const headerLength = buffer.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  const header = JSON.parse(buffer.subarray(start, start + headerLength).toString('utf8')) as Header;
  const weightsStart = start + headerLength;
  const plotStart = weightsStart + header.weightBytes;
  if (plotStart + header.plotBytes !== buffer.byteLength)
    throw new Error('model version bundle is truncated');
  return {
    meta: header.meta,
    model: header.modelTopology
      ? {
          modelTopology: header.modelTopology,
          weightSpecs: header.weightSpecs,
          weightData: new Uint8Array(buffer.subarray(weightsStart, plotStart)),
        }
      : undefined,
    plotPng: header.plotBytes > 0 ? new Uint8Array(buffer.subarray(plotStart)) : undefined,
  };
}
