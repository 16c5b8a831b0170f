/**
 * The reference system's serving figures that `api.bench.ts` prints beside ours, copied from
 * ../shared/notes/reference-figures.md ("Serving", "serving ceiling", "subscription fan-out"): all measured
 * on this kind of machine (2 vCPU), medians of 3 runs.
 */

/** FastAPI + uvicorn (1 worker), model kept in memory; wrk 15 s, 16 connections. */
export const FASTAPI_PREDICT = { reqPerSec: 1112, p50Ms: 14, p99Ms: 25 } as const;

/** Apollo Server 5 + Express 5 + TypeGraphQL 2, trivial mutation, autocannon 16 connections. */
export const STACK_CEILING = { reqPerSec: 4300, p99Ms: 8.5 } as const;

/** `predict` should reach this share of the ceiling measured in the same run. */
export const CEILING_AIM = 0.85;

/** Main-thread event-loop delay p99 with training in a worker thread. */
export const LOOP_P99_TRAINING_IN_WORKER_MS = 2.8;

/** Where these figures come from, printed under the benchmark's header. */
/** CNN-LSTM forward pass, window 14: ms at batch 1 and ms per sample at batch 64 (reference machine). */
export const INFERENCE_REFERENCE = {
  tfjsWasm: { batch1Ms: 1.03, perSample64Ms: 0.1 },
  onnx: { batch1Ms: 0.043, perSample64Ms: 0.0085 },
} as const;

export const REFERENCE_SOURCE = '../shared/notes/reference-figures.md (2 vCPU, medians of 3 runs)';
