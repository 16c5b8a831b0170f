/**
 * Prisma's schema engine (migrations) without its native binary: `@prisma/schema-engine-wasm` driven through
 * `@prisma/adapter-pg`. Used only by `migrate.ts`. Longer than our usual file because it is one piece of glue
 * over pinned internals (see the PINNED notes): the wasm bootstrap, three adapter patches the engine needs,
 * and a working shadow database (real Postgres: a throwaway database; PGlite: a throwaway in-memory PGlite).
 * PINNED: @prisma/schema-engine-wasm 8.1.0-2.59be4fda…, @prisma/adapter-pg 7.10.1, driver-adapter-utils 7.10.1.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export type SchemaEngine = bg.SchemaEngine;

type WasmImports = Record<string, Record<string, unknown>>;
// Node has the WebAssembly global, but our `lib` (ES2023, no DOM) does not declare it.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: WasmImports) => { exports: Record<string, unknown> };
};

/** Postgres type OIDs the patches look at. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const CHAR_COLUMNS = Symbol('charColumns');

/** The pg pool settings of the engine's own connections (it needs few; PGlite counts every one). */
const ENGINE_POOL = { max: 2, allowExitOnIdle: true, connectionTimeoutMillis: 15_000 } as const;

// PINNED (adapter-pg internals): `performIO` returns the raw pg result and `queryRaw` maps its field OIDs.
interface PatchableQueryable {
  performIO(query: SqlQuery): Promise<pg.QueryResult<unknown[]> & { rows: { [CHAR_COLUMNS]?: number[] } }>;
  queryRaw(query: SqlQuery): Promise<SqlResultSet>;
  startTransaction?(isolationLevel?: string): Promise<Transaction>;
  underlyingDriver?(): pg.Pool;
  /** Converts a pg error to the DriverAdapterError the engine reports readably; always throws. */
  onError(error: unknown): never;
}

/**
 * Patch 1, `"char"` columns: adapter-pg throws UnsupportedNativeDataType on OID 18, which the engine's
 * introspection of pg_catalog returns (e.g. pg_constraint.contype); the engine wants it as Character
 * (mapping it to text makes it panic on PG 18's NOT NULL constraints).
 */
function patchCharColumns<T extends object>(queryable: T): T {
  const q = queryable as unknown as PatchableQueryable;
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    const charColumns: number[] = [];
    result.fields?.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        charColumns.push(i);
        field.dataTypeID = PG_TEXT_OID;
      }
    });
    if (charColumns.length) Object.defineProperty(result.rows, CHAR_COLUMNS, { value: charColumns });
    return result;
  };
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    const charColumns = (result.rows as { [CHAR_COLUMNS]?: number[] })[CHAR_COLUMNS] ?? [];
    for (const i of charColumns) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  if (q.startTransaction) {
    const start = q.startTransaction.bind(q);
    q.startTransaction = async (level) => patchCharColumns(await start(level));
  }
  return queryable;
}

/**
 * Patch 2, whole scripts: adapter-pg's `executeScript` splits on every `;` (even inside comments and
 * string literals) and runs the pieces one by one, outside a transaction. Send the script as one simple
 * query instead, as the native engine does: Postgres runs it as one implicit transaction, so a failing
 * migration leaves nothing half-applied.
 */
function patchExecuteScript(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const q = adapter as unknown as PatchableQueryable;
  const pool = q.underlyingDriver?.();
  if (pool)
    adapter.executeScript = async (script) => void (await pool.query(script).catch((e) => q.onError(e)));
  return adapter;
}

async function connectPatched(factory: PrismaPg): Promise<SqlDriverAdapter> {
  return patchExecuteScript(patchCharColumns(await factory.connect()));
}

/** The same URL on another database (pg lets `connectionString` override a separate `database`). */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A throwaway in-memory PGlite behind its own socket server: a PGlite server has only one database. */
async function connectPgliteShadow(): Promise<SqlDriverAdapter> {
  const server = await startEmbeddedPostgres({ maxConnections: ENGINE_POOL.max });
  const shadow = await connectPatched(new PrismaPg({ connectionString: server.url, ...ENGINE_POOL }));
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    await dispose();
    await server.stop();
  };
  return shadow;
}

/**
 * Patch 3, shadow database: PrismaPg.connectToShadowDb (7.10.1) creates the shadow with the main URL,
 * whose `connectionString` wins over its `database` (so the "shadow" is the main database), and drops it
 * while still connected. Ours creates `prisma_shadow_<uuid>`, disconnects, then drops it WITH (FORCE).
 */
async function connectShadow(url: string): Promise<SqlDriverAdapter> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ v: string }>('select version() as v');
    if (rows[0]?.v.includes('PGlite')) return await connectPgliteShadow();
    const name = `prisma_shadow_${randomUUID().replace(/-/g, '')}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    const shadow = await connectPatched(
      new PrismaPg({ connectionString: withDatabase(url, name), ...ENGINE_POOL }),
    );
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => dropper.end());
    };
    return shadow;
  } finally {
    await admin.end();
  }
}

/** Makes `dispose` idempotent and remembers the adapter so that `disposeAll` can close what is left. */
function tracked(adapters: Set<SqlDriverAdapter>, adapter: SqlDriverAdapter): SqlDriverAdapter {
  const dispose = adapter.dispose.bind(adapter);
  let disposing: Promise<void> | undefined;
  adapter.dispose = () => (disposing ??= (adapters.delete(adapter), dispose()));
  adapters.add(adapter);
  return adapter;
}

/**
 * The adapter factory handed to the engine. `engine.free()` does not dispose the adapters it connected:
 * their pools would stay open until pg's 10 s idle timeout, and with them the session advisory lock the
 * engine takes for applyMigrations (the next migration would wait those 10 s). `disposeAll` closes them.
 */
function createAdapterFactory(url: string) {
  const base = new PrismaPg({ connectionString: url, ...ENGINE_POOL });
  const adapters = new Set<SqlDriverAdapter>();
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => tracked(adapters, await connectPatched(base)),
    connectToShadowDb: async () => tracked(adapters, await connectShadow(url)),
  };
  const disposeAll = async () => void (await Promise.allSettled([...adapters].map((a) => a.dispose())));
  return { factory, disposeAll };
}

/**
 * The engine races its advisory-lock query against a 10 s `setTimeout` and never clears it: every call
 * would keep the process (and Jest) alive 10 s longer. Its timers are unref'd: a query still waiting keeps
 * the process alive by itself. PINNED: the import is named `__wbg_setTimeout_<hash>`.
 */
function withUnrefTimers(imports: object): Record<string, unknown> {
  const wrapped: Record<string, unknown> = { ...imports };
  for (const [name, value] of Object.entries(imports)) {
    if (!name.startsWith('__wbg_setTimeout_') || typeof value !== 'function') continue;
    wrapped[name] = (...args: unknown[]) => {
      const timer: unknown = value(...args);
      (timer as NodeJS.Timeout | undefined)?.unref?.();
      return timer;
    };
  }
  return wrapped;
}

let lastPanic: string | undefined;
let instantiated = false;

/**
 * Instantiates the wasm once per process (wasm-bindgen glue keeps it in a module-level variable, so there
 * can be only one). PINNED: `__wbg_set_wasm` / `__wbindgen_start` and the `./schema_engine_bg.js` import
 * namespace are wasm-bindgen internals of this exact package version.
 */
function instantiateWasm(): void {
  if (instantiated) return;
  // The glue reports Rust panics through this global; without it a panic becomes "reading 'set_message'".
  Object.assign(globalThis, { PRISMA_WASM_PANIC_REGISTRY: { set_message: (m: string) => (lastPanic = m) } });
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const module = new WebAssembly.Module(fs.readFileSync(path.join(dir, 'schema_engine_bg.wasm')));
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': withUnrefTimers(bg) });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  instantiated = true;
}

/** How to run the engine. */
export interface SchemaEngineOptions {
  /** `[path, content]` of the Prisma schema file(s). */
  schema: [string, string][];
  /** Receives the engine's log lines (tracing). @default ignored */
  onLog?: (message: string) => void;
}

/**
 * Runs `work` with a schema engine connected to `url`, then frees it and closes its connections.
 * @throws one readable Error (cause: the engine's); a Rust panic (which poisons the wasm instance) is
 *   rethrown with its message and the next call instantiates a fresh one.
 */
export async function withSchemaEngine<T>(
  url: string,
  options: SchemaEngineOptions,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  instantiateWasm();
  lastPanic = undefined;
  const log = (message: string) => options.onLog?.(message);
  const { factory, disposeAll } = createAdapterFactory(url);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  try {
    const engine = await bg.SchemaEngine.new({ datamodels: options.schema }, log, adapter);
    try {
      return await work(engine);
    } finally {
      engine.free();
      await disposeAll();
    }
  } catch (error) {
    if (lastPanic !== undefined) {
      instantiated = false;
      throw new Error(`schema engine panic: ${lastPanic}`, { cause: error });
    }
    throw new Error(describeEngineError(error, adapter.errorRegistry), { cause: error });
  }
}

/**
 * One readable message from an engine error: "migration <name> failed: <database message>" rather than
 * "external connector error" + a Rust span trace; JS errors the engine only knows by id are looked up.
 */
function describeEngineError(
  error: unknown,
  registry: { consumeError(id: number): { error: unknown } | undefined },
) {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n');
  const traceStart = lines.findIndex((line) => /^\s+\d+: /.test(line));
  let message = (traceStart === -1 ? lines : lines.slice(0, traceStart))
    .filter((line) => line.trim() && line !== 'external connector error')
    .join(' ');
  message = message.replace(/External error id#(\d+)/, (found, id: string) => {
    const original = registry.consumeError(Number(id))?.error;
    return original instanceof Error ? original.message : found;
  });
  const migration = /migration_name="([^"]+)"/.exec(text)?.[1];
  return migration ? `migration ${migration} failed: ${message}` : message || text;
}
