/**
 * The reference for part 2's separate worker: plain busy loops at the worker's CPU priority, as many as the
 * threads it trains on. Whatever they take from serving, any training at that priority takes too (a core
 * shared through the hypervisor, caches, memory bandwidth): serving beside them is the ceiling for serving
 * beside a worker, measured in the same run.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';

export interface BusyLoops {
  stop(): Promise<void>;
}

/** Starts `count` processes that spin at `nice` until `stop()`. */
export function startBusyLoops(count: number, nice: number): BusyLoops {
  const children = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    os.setPriority(child.pid!, nice);
    return child;
  });
  return {
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
