/**
 * Chooses the TF.js backend at run time and reports its name. Order: native TensorFlow
 * (`@tensorflow/tfjs-node`, an optional dependency whose install downloads libtensorflow), then WASM
 * (with our kernels: the missing Conv2DBackpropFilter and faster stock ones), then pure-JS `cpu`.
 * Called once per process or worker.
 */
import * as tf from '@tensorflow/tfjs';
import { registerWasmBatchMatMul } from './wasm-batch-mat-mul.js';
import { registerWasmConv2DBackpropFilter } from './wasm-conv-backprop-filter.js';
import { registerWasmIdentityCast } from './wasm-identity-cast.js';

/** TF.js backend names we can train on, fastest first. */
export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Why a backend could not be used, for `--backend` errors and the benchmark. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
}

/**
 * Registers our WASM kernels: the missing Conv2DBackpropFilter, and faster versions of stock kernels that
 * compute the same values (tests compare training with and without them). Idempotent.
 */
export function registerWasmKernels(): void {
  registerWasmConv2DBackpropFilter();
  registerWasmBatchMatMul();
  registerWasmIdentityCast();
}

async function activate(name: BackendName): Promise<void> {
  if (name === 'tensorflow') {
    // A bare specifier in a variable keeps bundlers and the type checker from requiring the package.
    const nodeBackend = '@tensorflow/tfjs-node';
    await import(nodeBackend);
  } else if (name === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
    registerWasmKernels();
  }
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
