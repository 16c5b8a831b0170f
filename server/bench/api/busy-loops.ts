/**
 * The references for part 2's separate worker: loops at the worker's CPU priority, as many as the threads
 * it trains on. `spin` touches no memory: what it takes from serving, any work on the other core takes (a
 * core shared through the hypervisor). `stream` sums a 64 MiB array over and over (twice the L3 cache), as
 * training's matrix products stream their weights: what it takes beyond `spin` is cache and memory
 * bandwidth, which no CPU priority keeps away from the server. Serving beside them, in the same run, is
 * the ceiling for serving beside a worker.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';

export interface BusyLoops {
  stop(): Promise<void>;
}

const LOOPS = {
  spin: 'for (;;) {}',
  stream:
    'const a = new Float64Array(8 << 20).fill(1); let s = 0; for (;;) { for (let i = 0; i < a.length; i += 8) s += a[i]; if (s < 0) console.log(s); }',
};

/** Starts `count` processes running the `kind` loop at `nice` until `stop()`. */
export function startBusyLoops(count: number, nice: number, kind: keyof typeof LOOPS = 'spin'): BusyLoops {
  const children = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['-e', LOOPS[kind]], { stdio: 'ignore' });
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
