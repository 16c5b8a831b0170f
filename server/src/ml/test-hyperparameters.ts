/**
 * Small hyperparameters and a synthetic series for fast ML tests (shared by the *.test.ts files of
 * ml/ and training/). Not used by product code.
 */
import type { TrainingHyperparameters } from './hyperparameters.js';

export const TINY_HP: TrainingHyperparameters = {
  windowSize: 14,
  convFilters: 8,
  kernelSize: 3,
  lstmUnits: 8,
  lstmLayers: 1,
  learningRate: 0.01,
  epochs: 2,
  batchSize: 32,
  seed: 42,
  validationFraction: 0.2,
};

/** A weekly-seasonal series with a trend: easy to learn, so a short fit visibly lowers the loss. */
export function syntheticSeries(days: number): number[] {
  return Array.from({ length: days }, (_, i) => 100 + i * 0.2 + 30 * Math.sin((2 * Math.PI * i) / 7));
}

/** Windows of `size` over `values`, each labelled with the next value. */
export function windowsOf(values: number[], size: number): { inputs: number[][]; targets: number[] } {
  const inputs: number[][] = [];
  const targets: number[] = [];
  for (let i = 0; i + size < values.length; i++) {
    inputs.push(values.slice(i, i + size));
    targets.push(values[i + size]!);
  }
  return { inputs, targets };
}
