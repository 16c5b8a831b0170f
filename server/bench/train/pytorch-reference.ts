/**
 * Runs `pytorch_reference.py` (the original system's model in PyTorch) on the same windows as our
 * trainer, with the machine's Python and torch, so `bench:train` compares against a reference measured in
 * the same run. Finds a Python that can import torch ($PYTHON, then Debian's /usr/bin/python3, then
 * python3 on PATH, which may be a pyenv build without torch); says why when none can.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TrainingData } from '../../src/ml/train-model.js';

const SCRIPT = fileURLToPath(new URL('./pytorch_reference.py', import.meta.url));

/** A Python that imports torch, or the reason there is none. */
export type PythonProbe = { ok: true; python: string; torch: string } | { ok: false; reason: string };

/** The reference's job: the windows plus what shapes and trains the model. */
export interface PytorchJob extends TrainingData {
  epochs: number;
  batchSize: number;
  seed: number;
  learningRate: number;
  convFilters: number;
  kernelSize: number;
  lstmUnits: number;
}

/** What one reference run measured. */
export interface PytorchRun {
  /** Per epoch: shuffle + training batches + validation pass, seconds. */
  epochs: { seconds: number; cpuSeconds: number; trainLoss: number; valLoss: number }[];
  /** Process start to exit, interpreter and torch import included. */
  wholeRunSeconds: number;
  /** The BLAS libraries torch loaded (Linux), e.g. OpenBLAS or the slow reference BLAS. */
  blas: string[];
}

/**
 * Finds a Python with torch. Never throws.
 * @param candidates interpreters to try, in order. @default $PYTHON, /usr/bin/python3, python3
 */
export function findPythonWithTorch(
  candidates = [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p),
): PythonProbe {
  const failures: string[] = [];
  for (const python of new Set(candidates)) {
    const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { ok: true, python, torch: probe.stdout.trim() };
    const why = probe.error?.message ?? probe.stderr.trim().split('\n').at(-1) ?? `exit ${probe.status}`;
    failures.push(`${python}: ${why}`);
  }
  return {
    ok: false,
    reason: `no Python with torch (${failures.join('; ')}); on Debian: apt-get install -y python3-torch`,
  };
}

/** Trains the reference once. @throws Error with the script's stderr when it fails. */
export function runPytorchReference(python: string, job: PytorchJob): Promise<PytorchRun> {
  const started = performance.now();
  // One thread, as the reference figures were taken and as our single WASM thread trains.
  const env = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
  const child = spawn(python, [SCRIPT], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(JSON.stringify(job));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wholeRunSeconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`PyTorch reference exited ${code}: ${stderr.trim()}`));
      try {
        const { epochs, blas } = JSON.parse(stdout) as Omit<PytorchRun, 'wholeRunSeconds'>;
        resolve({ epochs, blas, wholeRunSeconds });
      } catch {
        reject(new Error(`PyTorch reference printed no result: ${stdout.slice(0, 200)}`));
      }
    });
  });
}

/**
 * A note on the BLAS torch used: Debian's default `libblas3` is the unoptimised reference BLAS, which
 * makes PyTorch several times slower than it normally runs and so flatters every ratio.
 */
export function describeBlas(blas: readonly string[]): string {
  if (blas.length === 0) return 'BLAS: unknown';
  const reference = blas.some((lib) => /\/blas\/libblas\.so/.test(lib));
  const warning = reference
    ? ' (the reference BLAS: PyTorch runs several times slower than usual; apt-get install -y libopenblas0-pthread)'
    : '';
  return `BLAS: ${blas.join(', ')}${warning}`;
}
