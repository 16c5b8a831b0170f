/**
 * Chooses the TF.js backend at run time and reports its name. Order: native TensorFlow
 * (`@tensorflow/tfjs-node`, an optional dependency whose install downloads libtensorflow), then WASM
 * (with our kernels: the missing Conv2DBackpropFilter, faster stock ones and the fused LSTM's), then
 * pure-JS `cpu` (with the fused LSTM's kernels).
 * Called once per process or worker.
 */
import * as tf from '@tensorflow/tfjs';
import { registerAdamKernel, unregisterAdamKernel } from './fused-adam.js';
import { loadLstmLayersAsFused } from './fused-lstm-layer.js';
import { registerLstmKernels, unregisterLstmKernels } from './lstm-kernels.js';
import { registerWasmBatchMatMul } from './wasm-batch-mat-mul.js';
import { registerWasmConv2DBackpropFilter } from './wasm-conv-backprop-filter.js';
import { registerWasmIdentityCast } from './wasm-identity-cast.js';
import { restoreStockWasmKernels } from './wasm-kernel-override.js';

/** TF.js backend names we can train on, fastest first. */
export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Why a backend could not be used, for `--backend` errors and the benchmark. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
}

/**
 * Registers our kernels: the fused LSTM's sequence kernels and Adam's update (wasm, cpu) and, once the WASM
 * backend is loaded, its missing Conv2DBackpropFilter and faster versions of stock WASM kernels; loaded
 * models get the fused LSTM layer. All compute what TF.js's own compute (tests compare training both
 * ways). Idempotent.
 */
export function registerOwnKernels(): void {
  registerLstmKernels();
  registerAdamKernel();
  loadLstmLayersAsFused(true);
  if (!tf.getKernel('BatchMatMul', 'wasm')) return;
  registerWasmConv2DBackpropFilter();
  registerWasmBatchMatMul();
  registerWasmIdentityCast();
}

/**
 * Back to TF.js's own kernels, LSTM and Adam (the Conv2DBackpropFilter bridge stays: WASM has none), so
 * tests can train both ways; `registerOwnKernels` undoes it.
 */
export function useStockKernels(): void {
  restoreStockWasmKernels();
  unregisterLstmKernels();
  unregisterAdamKernel();
  loadLstmLayersAsFused(false);
}

async function activate(name: BackendName): Promise<void> {
  if (name === 'tensorflow') {
    // A bare specifier in a variable keeps bundlers and the type checker from requiring the package.
    const nodeBackend = '@tensorflow/tfjs-node';
    await import(nodeBackend);
  } else if (name === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
  }
  // On tfjs-node the fused LSTM finds no kernels of ours and runs TF.js's own LSTM: that path is unchanged.
  registerOwnKernels();
  if (!(await tf.setBackend(name)))
    throw new BackendUnavailableError(`TF.js backend "${name}" failed to initialise`);
  await tf.ready();
}

/**
 * Activates a backend and returns its name.
 * @param preference a backend name, or `auto` for the fastest that works. @default 'auto'
 * @throws BackendUnavailableError when a named backend cannot be loaded.
 */
export async function initBackend(preference: BackendName | 'auto' = 'auto'): Promise<BackendName> {
  if (preference !== 'auto') {
    try {
      await activate(preference);
    } catch (error) {
      if (error instanceof BackendUnavailableError) throw error;
      throw new BackendUnavailableError(
        `TF.js backend "${preference}" is not available: ${(error as Error).message}`,
      );
    }
    return preference;
  }
  for (const name of BACKENDS) {
    try {
      await activate(name);
      return name;
    } catch {
      // Expected for tfjs-node when libtensorflow could not be downloaded at install: try the next one.
    }
  }
  throw new BackendUnavailableError('no TF.js backend could be initialised');
}

/** Names of the backends that can be activated in this install (for the benchmark). */
export async function availableBackends(): Promise<BackendName[]> {
  const found: BackendName[] = [];
  for (const name of BACKENDS) {
    try {
      await activate(name);
      found.push(name);
    } catch {
      // not installed here
    }
  }
  return found;
}
