/**
 * Lowers the CPU priority of a training-only process (`server.worker_nice`), so that serving processes
 * on the same machine get the cores first. Called by `run-role.ts` before anything is built: on Linux a
 * nice value belongs to a thread and is inherited by the threads it creates later, so the training worker
 * threads spawned afterwards run at it too.
 */
import os from 'node:os';

/**
 * @param nice 0–19; 0 leaves the priority alone.
 * @returns a note saying why it could not be applied, or undefined when it was (or nothing was asked).
 */
export function lowerPriority(nice: number): string | undefined {
  if (nice === 0) return undefined;
  try {
    os.setPriority(Math.max(os.getPriority(), nice));
    return undefined;
  } catch (error) {
    return `could not lower the CPU priority to nice ${nice} (${String(error)}); training at the default priority`;
  }
}
