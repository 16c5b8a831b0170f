/**
 * `createReadiness` on its own: parallel checks, failures reported by name, timeouts for hung checks,
 * and one shared run for overlapping callers. The HTTP side is covered in `health.test.ts`.
 */
import { describe, expect, it } from '@jest/globals';
import { createReadiness, withTimeout, type ReadinessCheck } from './readiness.js';

const pass = (name: string): ReadinessCheck => ({ name, check: async () => {} });
const hang = (name: string): ReadinessCheck => ({ name, check: () => new Promise<void>(() => {}) });
const fail = (name: string, message: string): ReadinessCheck => ({
  name,
  check: async () => {
    throw new Error(message);
  },
});

describe('createReadiness', () => {
  it('should report ready when every check passes', async () => {
    const report = await createReadiness([pass('database'), pass('queue')])();
    expect(report.ready).toBe(true);
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['database', true],
      ['queue', true],
    ]);
    expect(report.checks.every((c) => c.ms >= 0 && c.error === undefined)).toBe(true);
  });

  it('should report ready when there are no checks', async () => {
    expect(await createReadiness([])()).toEqual({ ready: true, checks: [] });
  });

  it('should name the failing check and its message when one rejects', async () => {
    const report = await createReadiness([pass('queue'), fail('database', 'connection refused')])();
    expect(report.ready).toBe(false);
    expect(report.checks[1]).toMatchObject({ name: 'database', ok: false, error: 'connection refused' });
    expect(report.checks[0]).toMatchObject({ name: 'queue', ok: true });
  });

  it('should count a synchronous throw as a failure when the check is not async', async () => {
    const check = (() => {
      throw new Error('boom');
    }) as unknown as () => Promise<void>;
    const report = await createReadiness([{ name: 'sync', check }])();
    expect(report.checks[0]).toMatchObject({ ok: false, error: 'boom' });
  });

  it('should fail a hung check after the timeout when the dependency never answers', async () => {
    const start = Date.now();
    const report = await createReadiness([hang('database'), pass('queue')], { timeoutMs: 100 })();
    expect(Date.now() - start).toBeLessThan(1000);
    expect(report.ready).toBe(false);
    expect(report.checks[0]).toMatchObject({ ok: false, error: 'database timed out after 100 ms' });
    expect(report.checks[0]?.ms).toBeGreaterThanOrEqual(90);
  });

  it('should run the checks in parallel when several are slow', async () => {
    const slow = (name: string): ReadinessCheck => ({
      name,
      check: () => new Promise((resolve) => setTimeout(resolve, 150)),
    });
    const start = Date.now();
    const report = await createReadiness([slow('a'), slow('b'), slow('c')])();
    expect(report.ready).toBe(true);
    expect(Date.now() - start).toBeLessThan(400);
  });

  it('should shorten the message when a check throws a very long error', async () => {
    const report = await createReadiness([fail('database', 'x'.repeat(5000))])();
    expect(report.checks[0]?.error?.length).toBeLessThanOrEqual(200);
  });

  it('should share one run when callers overlap', async () => {
    let runs = 0;
    const counted: ReadinessCheck = {
      name: 'database',
      check: async () => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
    };
    const readiness = createReadiness([counted]);
    await Promise.all([readiness(), readiness(), readiness()]);
    expect(runs).toBe(1);
    await readiness();
    expect(runs).toBe(2);
  });
});

describe('withTimeout', () => {
  it('should pass the value through when the promise settles in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 50, 'work')).resolves.toBe(7);
  });

  it('should pass the rejection through when the promise fails in time', async () => {
    await expect(withTimeout(Promise.reject(new Error('nope')), 50, 'work')).rejects.toThrow('nope');
  });
});
