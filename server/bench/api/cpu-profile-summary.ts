/**
 * Where a V8 CPU profile's time goes, for `bench:api --profile` (`phase-profiler.ts`): self time per group
 * an engineer would act on (graphql-js, Apollo Server, Express/HTTP, ...), found from each call frame's url,
 * and the functions with the most self time. Pure: takes the `.cpuprofile` object the inspector's
 * `Profiler.stop` returns (the shape Chrome DevTools and speedscope open), so it is tested on a made-up one.
 */

/** The part of a `Profiler.Profile` (Chrome DevTools protocol) read here. */
export interface CpuProfile {
  nodes: CpuProfileNode[];
  /** µs */
  startTime: number;
  /** µs */
  endTime: number;
  /** Node id per sample. */
  samples?: number[];
  /** µs from the previous sample (the first from startTime). */
  timeDeltas?: number[];
}

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** The groups, in the order the table lists them. */
export const PROFILE_GROUPS = [
  'graphql-js (parse, validate, execute)',
  'Apollo Server + graphql-armor',
  'TypeGraphQL + class-validator',
  'Express / node:http',
  'logging + metrics (pino, prom-client)',
  'sockets + streams (node:net, streams)',
  'ws / graphql-ws',
  'onnxruntime / TF.js',
  'Prisma / pg / PGlite',
  'our code (server/src)',
  'JSON (stringify/parse calls)',
  'garbage collector',
  'Node internals / other',
  'idle',
] as const;
export type ProfileGroup = (typeof PROFILE_GROUPS)[number];
const [GRAPHQL, APOLLO, TYPEGRAPHQL, HTTP, LOGS, SOCKETS, WS, ML, DB, OURS, JSON_, GC, OTHER, IDLE] =
  PROFILE_GROUPS;

// Packages by group: the ones the server loads; a package not named here counts as "other".
const PACKAGES: [ProfileGroup, RegExp][] = [
  [GRAPHQL, /^graphql$/],
  [APOLLO, /^(@apollo\/.*|@escape\.tech\/.*|@as-integrations\/.*|@graphql-tools\/.*)$/],
  [
    TYPEGRAPHQL,
    /^(type-graphql|class-validator|class-transformer|libphonenumber-js|validator|graphql-scalars|@graphql-yoga\/.*|@repeaterjs\/.*)$/,
  ],
  [
    HTTP,
    /^(express|router|body-parser|raw-body|on-finished|finalhandler|cors|type-is|content-type|iconv-lite|qs|accepts|negotiator|http-errors|statuses|parseurl|send|vary|mime-types|media-typer|encodeurl|depd|bytes|unpipe|ee-first|graphql-upload)$/,
  ],
  [LOGS, /^(pino|pino-http|pino-std-serializers|sonic-boom|thread-stream|prom-client|tdigest|bintrees)$/],
  [WS, /^(ws|graphql-ws|bufferutil|utf-8-validate)$/],
  [ML, /^(onnxruntime-.*|@tensorflow\/.*)$/],
  [DB, /^(@prisma\/.*|\.prisma|prisma|pg|pg-.*|postgres-.*|@electric-sql\/.*)$/],
];
const NODE_HTTP = /^node:(http|_http_\w+|internal\/http)$/;
const NODE_SOCKETS = /^node:(net|stream|internal\/stream_base_commons|internal\/streams\/.*|internal\/net)$/;
/**
 * V8 counts time in the JSON.stringify/parse builtins as self time of the JS function that called them, so
 * JSON is found by the functions that do little else: these, where the serving paths serialise.
 */
const JSON_FUNCTIONS: { name: string; url: RegExp }[] = [
  { name: 'prettyJSONStringify', url: /\/@apollo\/server\// },
  { name: 'stringifyMessage', url: /\/graphql-ws\// },
  { name: 'parseMessage', url: /\/graphql-ws\// },
  { name: 'parse', url: /\/body-parser\/lib\/types\/json\.js$/ },
  { name: 'serialise', url: /\/server\/src\/graphql\/shared-execution\.ts$/ },
];
const NODE_MODULES = '/node_modules/';

/**
 * The group of a call frame, or undefined when it has no script of its own (a V8 builtin, a native addon
 * function, wasm): those take their caller's group, so `writeUtf8String` counts for whoever wrote and an
 * onnxruntime binding for onnxruntime. The JSON functions above (and the builtins, should V8 ever show
 * them) have a group of their own, whatever package they are in.
 */
export function groupOf(frame: { functionName: string; url: string }): ProfileGroup | undefined {
  const { functionName: name, url } = frame;
  if (name === '(idle)') return IDLE;
  if (name === '(garbage collector)') return GC;
  if (name === '(program)' || name === '(root)') return OTHER;
  if (url === '' || url.startsWith('wasm://')) {
    return name === 'stringify' || name === 'parse' ? JSON_ : undefined;
  }
  if (JSON_FUNCTIONS.some((f) => f.name === name && f.url.test(url))) return JSON_;
  if (url.startsWith('node:')) return NODE_HTTP.test(url) ? HTTP : NODE_SOCKETS.test(url) ? SOCKETS : OTHER;
  const at = url.lastIndexOf(NODE_MODULES);
  if (at >= 0) {
    const [scope, name] = url.slice(at + NODE_MODULES.length).split('/');
    const pkg = scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? '');
    return PACKAGES.find(([, pattern]) => pattern.test(pkg))?.[0] ?? OTHER;
  }
  // Prisma's generated client lives in server/src but is Prisma's code.
  if (url.includes('/server/src/generated/prisma/')) return DB;
  if (url.includes('/server/src/')) return OURS;
  return OTHER;
}

/** Self time of a group or a function: ms as DevTools counts it, and its share of the samples. */
export interface SelfTime {
  /** A sample lasts until the next one (the last until endTime). */
  ms: number;
  samples: number;
  /** samples / all samples: what the thread was doing, whatever the gaps between samples. */
  share: number;
  /** ms in samples that lasted over STALL_FACTOR sampling intervals (see CpuProfileSummary.stalls). */
  stalledMs: number;
}

/**
 * A sample lasting this many times the median interval is a stall: the thread did not get back to the
 * sampler in time (waiting for a core on a busy machine, a GC pause, a long native call).
 */
export const STALL_FACTOR = 2;

export interface CpuProfileSummary {
  /** Profiled wall time, ms. */
  totalMs: number;
  samples: number;
  /** Median time between samples, ms. */
  intervalMs: number;
  /** Samples (not idle) that lasted over STALL_FACTOR × intervalMs: how many, their ms, the longest three. */
  stalls: { count: number; ms: number; longest: { name: string; where: string; ms: number }[] };
  /** Every group, in PROFILE_GROUPS order. */
  groups: ({ group: ProfileGroup } & SelfTime)[];
  /** The functions with the most samples, most first (idle left out). */
  top: ({ name: string; where: string; group: ProfileGroup } & SelfTime)[];
}

/**
 * Self time per group and per function, in samples and in ms, and the stalls between samples.
 * @param top how many functions to list. @default 10
 */
export function summarizeCpuProfile(profile: CpuProfile, top = 10): CpuProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const groupCache = new Map<number, ProfileGroup>();
  const resolveGroup = (id: number): ProfileGroup => {
    const cached = groupCache.get(id);
    if (cached) return cached;
    const node = byId.get(id);
    const parent = parentOf.get(id);
    const group = (node && groupOf(node.callFrame)) ?? (parent === undefined ? OTHER : resolveGroup(parent));
    groupCache.set(id, group);
    return group;
  };
  // One row per function, however many call paths its samples came through; a native function is shown
  // with its caller (`writev` says little, `writev ← writevGeneric` where it was written from).
  const describe = (id: number) => {
    const frame = byId.get(id)?.callFrame ?? { functionName: '(unknown node)', url: '', lineNumber: 0 };
    const name = frame.functionName || '(anonymous)';
    const native = frame.url === '' || frame.url.startsWith('wasm://');
    const caller = native ? byId.get(parentOf.get(id) ?? NaN)?.callFrame : undefined;
    const where =
      caller && caller.functionName !== '(root)'
        ? `${describeUrl(frame.url, 0)} ← ${caller.functionName || '(anonymous)'} ${describeUrl(caller.url, caller.lineNumber)}`
        : describeUrl(frame.url, frame.lineNumber);
    return { name, where };
  };

  const samples = profile.samples ?? [];
  let at = profile.startTime;
  const times = (profile.timeDeltas ?? []).map((delta) => (at += delta));
  const durations = samples.map((_, i) =>
    Math.max(0, (times[i + 1] ?? profile.endTime) - (times[i] ?? profile.endTime)),
  );
  const sorted = [...durations].sort((a, b) => a - b);
  const intervalUs = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const isStall = (us: number) => intervalUs > 0 && us > STALL_FACTOR * intervalUs;

  const totals = () => ({ us: 0, samples: 0, stalledUs: 0 });
  const byGroup = new Map<ProfileGroup, ReturnType<typeof totals>>();
  const byFunction = new Map<
    string,
    ReturnType<typeof totals> & { name: string; where: string; group: ProfileGroup }
  >();
  const stalls: { id: number; us: number }[] = [];
  samples.forEach((id, i) => {
    const us = durations[i]!;
    const group = resolveGroup(id);
    const stalled = isStall(us) ? us : 0;
    // A gap while idle delayed nothing that was running (or a wake-up: it cannot be told apart).
    if (stalled && group !== IDLE) stalls.push({ id, us });
    const add = (t: ReturnType<typeof totals>) => {
      t.us += us;
      t.samples++;
      t.stalledUs += stalled;
    };
    add(byGroup.get(group) ?? byGroup.set(group, totals()).get(group)!);
    if (group === IDLE) return;
    const { name, where } = describe(id);
    const key = `${name}@${where}`;
    add(byFunction.get(key) ?? byFunction.set(key, { ...totals(), name, where, group }).get(key)!);
  });
  const selfTime = (t: ReturnType<typeof totals>): SelfTime => ({
    ms: t.us / 1000,
    samples: t.samples,
    share: samples.length ? t.samples / samples.length : 0,
    stalledMs: t.stalledUs / 1000,
  });
  return {
    totalMs: durations.reduce((a, b) => a + b, 0) / 1000,
    samples: samples.length,
    intervalMs: intervalUs / 1000,
    stalls: {
      count: stalls.length,
      ms: stalls.reduce((sum, s) => sum + s.us, 0) / 1000,
      longest: stalls
        .sort((a, b) => b.us - a.us)
        .slice(0, 3)
        .map((s) => ({ ...describe(s.id), ms: s.us / 1000 })),
    },
    groups: PROFILE_GROUPS.map((group) => ({ group, ...selfTime(byGroup.get(group) ?? totals()) })),
    top: [...byFunction.values()]
      .sort((a, b) => b.samples - a.samples || b.us - a.us)
      .slice(0, top)
      .map(({ name, where, group, ...t }) => ({ name, where, group, ...selfTime(t) })),
  };
}

/** A short place for a frame: `graphql/execution/execute.js:120`, `server/src/app.ts:8`, `node:net:300`, `(native)`. */
export function describeUrl(url: string, lineNumber: number): string {
  if (url === '') return '(native)';
  if (url.startsWith('wasm://')) return '(wasm)';
  const at = url.lastIndexOf(NODE_MODULES);
  const server = url.lastIndexOf('/server/');
  const path =
    at >= 0
      ? url.slice(at + NODE_MODULES.length)
      : server >= 0
        ? url.slice(server + 1)
        : url.replace(/^file:\/\//, '');
  // Profile line numbers count from 0.
  return `${path}:${lineNumber + 1}`;
}
