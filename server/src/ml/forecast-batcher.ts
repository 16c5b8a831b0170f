/**
 * Batches concurrent recursive forecasts of one model into shared forward passes: requests arriving in the
 * same turn of the event loop are stepped together (one `predict` on all still-running windows per step),
 * so N concurrent `predict` calls cost about one batched call instead of N single ones (TF.js wasm: ~1 ms
 * for batch 1, ~0.1 ms per sample at batch 64; ONNX Runtime about 20× less). The forward pass is either
 * engine (`onnx/forward-pass.ts`). Windows are kept in model space (after the version's input scaling:
 * zscore, log1p or window) and scaled per step, so results equal the CNN-LSTM family's own recursive
 * forecast. Used by the API.
 */
import type { Normalization } from './data/normalize.js';
import { fromModelSpace, toModelSpace, windowStats } from './families/cnn-lstm/scaling.js';
import type { CnnLstmScaling } from './hyperparameters.js';
import type { ForwardPass } from './onnx/forward-pass.js';

interface Pending {
  window: number[];
  horizon: number;
  out: number[];
  resolve: (values: number[]) => void;
  reject: (error: unknown) => void;
}

/** Largest batch per forward pass (bounds memory and each pass's time on the event loop). */
const MAX_BATCH = 256;

export class ForecastBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly pass: ForwardPass,
    private readonly normalization: Normalization,
    private readonly windowSize: number,
    private readonly scaling: CnnLstmScaling = 'zscore',
  ) {}

  /** The statistics that scale one window: the version's own, or the window's (window scaling). */
  private stats(window: readonly number[]): Normalization {
    return this.scaling === 'window' ? windowStats(window, this.normalization.std) : this.normalization;
  }

  /** Forecasts `horizon` days after the last `windowSize` values of `history` (sales units). */
  forecast(history: readonly number[], horizon: number): Promise<number[]> {
    if (history.length < this.windowSize) {
      return Promise.reject(
        new RangeError(`need the last ${this.windowSize} daily values (got ${history.length})`),
      );
    }
    const window = toModelSpace(history.slice(-this.windowSize), this.scaling);
    return new Promise((resolve, reject) => {
      this.queue.push({ window, horizon, out: [], resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, MAX_BATCH);
    this.scheduled = this.queue.length > 0;
    if (this.scheduled) setImmediate(() => void this.flush());
    try {
      for (let active = batch; active.length > 0; active = active.filter((p) => p.out.length < p.horizon)) {
        const stats = active.map((p) => this.stats(p.window));
        const next = await this.pass.run(
          active.map((p, i) => p.window.map((v) => (v - stats[i]!.mean) / stats[i]!.std)),
        );
        active.forEach((p, i) => {
          const value = next[i]! * stats[i]!.std + stats[i]!.mean;
          p.out.push(value);
          p.window.shift();
          p.window.push(value);
        });
      }
      batch.forEach((p) => p.resolve(fromModelSpace(p.out, this.scaling)));
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    }
  }
}
