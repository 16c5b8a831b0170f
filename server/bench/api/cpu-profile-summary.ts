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
const [GRAPHQL, APOLLO, TYPEGRAPHQL, HTTP, WS, ML, DB, OURS, JSON_, GC, OTHER, IDLE] = PROFILE_GROUPS;

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
  [WS, /^(ws|graphql-ws|bufferutil|utf-8-validate)$/],
  [ML, /^(onnxruntime-.*|@tensorflow\/.*)$/],
  [DB, /^(@prisma\/.*|\.prisma|prisma|pg|pg-.*|postgres-.*|@electric-sql\/.*)$/],
];
const NODE_HTTP = /^node:(http|_http_\w+|internal\/http)$/;
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
  if (url.startsWith('node:')) return NODE_HTTP.test(url) ? HTTP : OTHER;
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

export interface CpuProfileSummary {
  /** Profiled wall time, ms. */
  totalMs: number;
  /** Every group, in PROFILE_GROUPS order, with its self time (ms) and share of totalMs. */
  groups: { group: ProfileGroup; ms: number; share: number }[];
  /** The functions with the most self time, most first (idle left out). */
  top: { name: string; where: string; group: ProfileGroup; ms: number; share: number }[];
}

/**
 * Self time per group and per function. A sample lasts until the next one (the last until endTime), as
 * DevTools counts it, so sparse samples while idle still weigh their real time.
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

  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let at = profile.startTime;
  const times = deltas.map((delta) => (at += delta));
  samples.forEach((id, i) => {
    const duration = Math.max(0, (times[i + 1] ?? profile.endTime) - (times[i] ?? profile.endTime));
    selfUs.set(id, (selfUs.get(id) ?? 0) + duration);
  });
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const share = (us: number) => (totalUs > 0 ? us / totalUs : 0);

  const groupUs = new Map<ProfileGroup, number>();
  const functionUs = new Map<string, { name: string; where: string; group: ProfileGroup; us: number }>();
  for (const [id, us] of selfUs) {
    const group = resolveGroup(id);
    groupUs.set(group, (groupUs.get(group) ?? 0) + us);
    const frame = byId.get(id)?.callFrame;
    if (!frame || group === IDLE) continue;
    // One row per function, however many call paths its samples came through.
    const where = describeUrl(frame.url, frame.lineNumber);
    const key = `${frame.functionName}@${where}`;
    const row = functionUs.get(key) ?? { name: frame.functionName || '(anonymous)', where, group, us: 0 };
    row.us += us;
    functionUs.set(key, row);
  }
  return {
    totalMs: totalUs / 1000,
    groups: PROFILE_GROUPS.map((group) => {
      const us = groupUs.get(group) ?? 0;
      return { group, ms: us / 1000, share: share(us) };
    }),
    top: [...functionUs.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map(({ us, ...row }) => ({ ...row, ms: us / 1000, share: share(us) })),
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
