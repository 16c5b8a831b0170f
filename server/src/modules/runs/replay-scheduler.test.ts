import { describe, expect, it } from '@jest/globals';
import { ReplayScheduler } from './replay-scheduler.js';

/** A read that resolves when the test says so. */
function gate<T>(value: T) {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  let calls = 0;
  return { load: async () => (calls++, await opened, value), open, calls: () => calls };
}

describe('ReplayScheduler', () => {
  it('should run at most `concurrency` reads at once', async () => {
    const scheduler = new ReplayScheduler(2);
    let running = 0;
    let peak = 0;
    const load = async () => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return 1;
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => scheduler.run(`k${i}`, load)));
    expect(peak).toBe(2);
    expect(scheduler.stats.loads).toBe(20);
  });

  it('should share a queued read of the same key, never a running one', async () => {
    const scheduler = new ReplayScheduler(1);
    const first = gate('first');
    const second = gate('second');
    const running = scheduler.run('a', first.load); // starts at once
    const queued = Array.from({ length: 50 }, () => scheduler.run('a', second.load));
    expect(first.calls()).toBe(1);
    first.open();
    second.open();
    expect(await running).toBe('first');
    expect(await Promise.all(queued)).toEqual(Array(50).fill('second'));
    expect(second.calls()).toBe(1);
    expect(scheduler.stats).toEqual({ loads: 2, shared: 49 });
  });

  it('should give every sharer the error of a failed read and keep serving', async () => {
    const scheduler = new ReplayScheduler(1);
    const blocker = gate(0);
    void scheduler.run('x', blocker.load);
    const failing = () => Promise.reject(new Error('database down'));
    const a = scheduler.run('y', failing);
    const b = scheduler.run('y', failing);
    blocker.open();
    await expect(a).rejects.toThrow('database down');
    await expect(b).rejects.toThrow('database down');
    expect(await scheduler.run('y', async () => 'ok')).toBe('ok');
  });
});
