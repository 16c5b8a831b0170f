/**
 * Starts Grafana's augurs (Rust compiled to WASM) in Node: each module's default `init()` fetches its
 * `.wasm` over `file://`, which Node's fetch refuses, so every module is initialised synchronously with
 * the bytes of its own file, found next to the package's entry point. Prophet's optimiser (Stan as WASM)
 * has a top-level await, so it is imported dynamically. Loaded once per thread, on first use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

type EtsModule = typeof import('@bsull/augurs/ets');
type MstlModule = typeof import('@bsull/augurs/mstl');
type ProphetModule = typeof import('@bsull/augurs/prophet');

/** The initialised modules. */
export interface Augurs {
  ets: EtsModule;
  mstl: MstlModule;
  prophet: ProphetModule;
  optimizer: (typeof import('@bsull/augurs-prophet-wasmstan'))['optimizer'];
}

let loading: Promise<Augurs> | undefined;

// The package's `exports` hides the .wasm files; its "." entry resolves, and they sit beside it.
function wasmBytes(file: string): Buffer {
  const dir = path.dirname(createRequire(import.meta.url).resolve('@bsull/augurs'));
  return fs.readFileSync(path.join(dir, file));
}

async function load(): Promise<Augurs> {
  const [ets, mstl, prophet, wasmstan] = await Promise.all([
    import('@bsull/augurs/ets'),
    import('@bsull/augurs/mstl'),
    import('@bsull/augurs/prophet'),
    import('@bsull/augurs-prophet-wasmstan'),
  ]);
  ets.initSync({ module: wasmBytes('ets_bg.wasm') });
  mstl.initSync({ module: wasmBytes('mstl_bg.wasm') });
  prophet.initSync({ module: wasmBytes('prophet_bg.wasm') });
  return { ets, mstl, prophet, optimizer: wasmstan.optimizer };
}

/** The augurs modules of this thread, initialised on the first call. @throws when the WASM cannot start. */
export function loadAugurs(): Promise<Augurs> {
  loading ??= load();
  loading.catch(() => (loading = undefined));
  return loading;
}

/** augurs throws strings and plain objects as well as Errors: always an Error with a message. */
export function asError(thrown: unknown, what: string): Error {
  if (thrown instanceof Error) return new Error(`${what}: ${thrown.message}`);
  return new Error(`${what}: ${typeof thrown === 'string' ? thrown : JSON.stringify(thrown)}`);
}
