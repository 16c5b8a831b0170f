/**
 * `summarizeCpuProfile` on a hand-made profile whose every figure is known (groups from urls, builtins and
 * wasm counted for their caller, JSON wrappers on their own, sample durations from timeDeltas), then on a
 * real one taken with node:inspector around graphql-js parsing and a sleep.
 */
import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { Session } from 'node:inspector/promises';
import { type CpuProfile, type CpuProfileNode, groupOf, summarizeCpuProfile } from './cpu-profile-summary.js';

const ROOT = 'file:///repo';
const node = (id: number, functionName: string, url: string, children: number[] = []): CpuProfileNode => ({
  id,
  callFrame: { functionName, url, lineNumber: 9, columnNumber: 0 },
  children,
});

// (root) ─┬ (idle) 2
//         ├ (garbage collector) 3
//         ├ processRequest (@apollo/server) 4 ─┬ execute (graphql) 5 ── prettyJSONStringify (@apollo/server) 6
//         │                                    └ $func12 (wasm) 9
//         └ predict (server/src) 7 ── run (native addon) 8
const PROFILE: CpuProfile = {
  nodes: [
    node(1, '(root)', '', [2, 3, 4, 7]),
    node(2, '(idle)', ''),
    node(3, '(garbage collector)', ''),
    node(4, 'processRequest', `${ROOT}/node_modules/@apollo/server/dist/esm/requestPipeline.js`, [5, 9]),
    node(5, 'execute', `${ROOT}/node_modules/graphql/execution/execute.js`, [6]),
    node(6, 'prettyJSONStringify', `${ROOT}/node_modules/@apollo/server/dist/esm/runHttpQuery.js`),
    node(7, 'predict', `${ROOT}/server/src/modules/forecasts/forecasts.service.ts`, [8]),
    node(8, 'run', ''),
    node(9, '$func12', 'wasm://wasm/8a1b2c3d'),
  ],
  startTime: 1_000_000,
  // Each sample lasts until the next, the last until endTime: 1 ms each, but the GC sample lasts 4 ms
  // (a stall: over twice the median interval).
  samples: [2, 2, 2, 3, 5, 5, 6, 8, 8, 9],
  timeDeltas: [0, 1000, 1000, 1000, 4000, 1000, 1000, 1000, 1000, 1000],
  endTime: 1_013_000,
};

describe('groupOf', () => {
  it('should name the package from the last node_modules segment, scoped or not', () => {
    expect(groupOf({ functionName: 'f', url: `${ROOT}/node_modules/express/lib/router.js` })).toBe(
      'Express / node:http',
    );
    expect(groupOf({ functionName: 'f', url: `${ROOT}/node_modules/@prisma/client/runtime/client.js` })).toBe(
      'Prisma / pg / PGlite',
    );
    expect(
      groupOf({ functionName: 'f', url: `${ROOT}/node_modules/graphql-ws/node_modules/ws/lib/sender.js` }),
    ).toBe('ws / graphql-ws');
    expect(groupOf({ functionName: 'f', url: `${ROOT}/node_modules/left-pad/index.js` })).toBe(
      'Node internals / other',
    );
  });

  it('should tell node:http and sockets from other Node internals, Prisma’s generated client from our code', () => {
    expect(groupOf({ functionName: 'f', url: 'node:_http_server' })).toBe('Express / node:http');
    expect(groupOf({ functionName: 'f', url: 'node:internal/stream_base_commons' })).toBe(
      'sockets + streams (node:net, streams)',
    );
    expect(groupOf({ functionName: 'f', url: 'node:internal/process/task_queues' })).toBe(
      'Node internals / other',
    );
    expect(groupOf({ functionName: 'f', url: `${ROOT}/server/src/generated/prisma/client.ts` })).toBe(
      'Prisma / pg / PGlite',
    );
    expect(groupOf({ functionName: 'f', url: `${ROOT}/server/src/app.ts` })).toBe('our code (server/src)');
  });
});

describe('summarizeCpuProfile', () => {
  const summary = summarizeCpuProfile(PROFILE, 3);
  const group = (name: string) => summary.groups.find((g) => g.group === name);

  it('should share samples by count and weigh ms by the time until the next sample', () => {
    expect(summary.samples).toBe(10);
    expect(summary.totalMs).toBe(13);
    expect(summary.intervalMs).toBe(1);
    expect(group('idle')).toMatchObject({ samples: 3, share: 0.3, ms: 3, stalledMs: 0 });
    expect(group('garbage collector')).toMatchObject({ samples: 1, share: 0.1, ms: 4, stalledMs: 4 });
    expect(summary.groups.reduce((sum, g) => sum + g.share, 0)).toBeCloseTo(1);
  });

  it('should count builtins and wasm for their caller and JSON wrappers on their own', () => {
    expect(group('graphql-js (parse, validate, execute)')?.samples).toBe(2);
    expect(group('JSON (stringify/parse calls)')?.samples).toBe(1);
    // `run` has no url: it is the forecasts service's call into a native addon.
    expect(group('our code (server/src)')?.samples).toBe(2);
    // The wasm frame has no package of its own: Apollo called it.
    expect(group('Apollo Server + graphql-armor')?.samples).toBe(1);
  });

  it('should list the functions with the most samples first, natives with their caller, without idle', () => {
    expect(summary.top.map((f) => [f.name, f.where, f.samples])).toEqual([
      ['execute', 'graphql/execution/execute.js:10', 2],
      ['run', '(native) ← predict server/src/modules/forecasts/forecasts.service.ts:10', 2],
      ['(garbage collector)', '(native)', 1],
    ]);
    expect(summary.top[1]!.group).toBe('our code (server/src)');
  });

  it('should report the samples that lasted over twice the interval as stalls', () => {
    expect(summary.stalls).toEqual({
      count: 1,
      ms: 4,
      longest: [{ name: '(garbage collector)', where: '(native)', ms: 4 }],
    });
  });
});

describe('summarizeCpuProfile on a real profile', () => {
  it('should put graphql-js parsing in its group and a sleep in idle', async () => {
    const session = new Session();
    session.connect();
    try {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      // A fixed amount of work, not a deadline: on a loaded machine a deadline loop is descheduled for much
      // of its time, and those samples land in "(program)" and GC, not in the code (CI saw graphql-js at 14 %).
      for (let i = 0; i < 20_000; i++)
        parse('query Q($c: String!) { predict(category: $c) { values lower upper } }');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { profile } = await session.post('Profiler.stop');
      const summary = summarizeCpuProfile(profile);
      const ms = (group: string) => summary.groups.find((g) => g.group === group)?.ms ?? 0;
      const byGroup = Object.fromEntries(summary.groups.map((g) => [g.group, Math.round(g.ms)]));
      // Whatever the load, the sleep is idle time and parsing is graphql-js's, ahead of every other code group
      // (GC, "(program)" and Node internals are not code a reader could blame, and grow with the load).
      expect({ idleMs: ms('idle') > 200, byGroup }).toMatchObject({ idleMs: true });
      const graphql = ms('graphql-js (parse, validate, execute)');
      const notCode = new Set([
        'graphql-js (parse, validate, execute)',
        'garbage collector',
        'Node internals / other',
        'idle',
      ]);
      const otherCode = summary.groups.filter((g) => !notCode.has(g.group));
      expect({
        graphqlAheadOfOtherCode: otherCode.every((g) => g.ms < graphql) && graphql > 0,
        byGroup,
      }).toMatchObject({
        graphqlAheadOfOtherCode: true,
      });
      expect(summary.top.some((t) => t.group === 'graphql-js (parse, validate, execute)')).toBe(true);
    } finally {
      session.disconnect();
    }
  });
});
