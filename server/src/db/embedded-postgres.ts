/**
 * The zero-setup database: PGlite (Postgres 18 compiled to wasm) persisted to a directory, served in-process
 * over the Postgres wire protocol by pglite-socket on 127.0.0.1 and a free port, so Prisma (adapter-pg), the
 * migration engine and any `pg` client reach it with a plain postgres:// URL, exactly like a real Postgres.
 * Started by `openDatabase` when DATABASE_URL is unset, by the migrate CLI and by tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ProtocolQueue } from './pglite-protocol-queue.js';

/**
 * How the embedded server behaves (it is NOT a multi-backend Postgres):
 * - One PGlite backend serves every connection: all queries go through ONE queue and run one at a time.
 * - Once a connection's query starts, only that connection's messages run until the backend is idle
 *   again (our ProtocolQueue: a whole Parse…Sync batch, a COPY, or a transaction until it commits or
 *   rolls back); the other connections wait. So transactions are isolated, but code that opens an interactive transaction
 *   and then awaits a query on ANOTHER connection (e.g. the non-transaction Prisma client) deadlocks until
 *   the transaction times out. Use the transaction's own client inside a transaction.
 * - Connections share one session: session settings, advisory locks (they never block between our own
 *   connections), temp tables and prepared statements are common to all of them.
 * - CancelRequest is ignored; there is one database whatever name the URL gives.
 * - One process per data directory (guarded by a lock file next to it).
 */
export interface EmbeddedPostgresOptions {
  /**
   * The PGlite data directory; created (with initdb, ≈2.5–7 s) when missing or empty.
   * Unset: an in-memory database, gone on stop (the migration engine's shadow database).
   */
  dataDir?: string;
  /**
   * Connections the socket server accepts; more get "Too many connections". Must cover every pg pool
   * pointed at it (app pool + migration engine 2 + whatever else opens connections).
   * @default 20
   */
  maxConnections?: number;
}

/** A running embedded database. */
export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** Closes client connections, the server and PGlite (flushing to disk); idempotent. */
  stop(): Promise<void>;
}

/** Thrown when another live process (or instance) holds the data directory. */
export class EmbeddedDatabaseInUseError extends Error {
  override readonly name = 'EmbeddedDatabaseInUseError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<dataDir>.lock` (our pid); a lock left by a dead process is taken over. */
function acquireLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (holder && isAlive(holder)) {
        throw new EmbeddedDatabaseInUseError(
          `the embedded database ${dataDir} is in use by process ${holder}${holder === process.pid ? ' (this one)' : ''}: stop it, or set DATABASE_URL to use a Postgres server`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new EmbeddedDatabaseInUseError(`could not lock the embedded database ${dataDir}`);
}

/**
 * Starts PGlite on `dataDir` and a socket server for it on 127.0.0.1 and a free port.
 * @returns its URL and `stop()`.
 * @throws EmbeddedDatabaseInUseError when the directory is in use; PGlite's error when the directory is not
 *   a PGlite data directory (e.g. files of another Postgres version).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);
  const releaseLock = dataDir ? acquireLock(dataDir) : () => undefined;
  let db: PGlite | undefined;
  try {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    db = await PGlite.create(dataDir ? { dataDir } : {});
    // Port 0: the OS picks a free port, which start() then records (getServerConn() reports it).
    const server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: 0,
      maxConnections: options.maxConnections ?? 20,
    });
    // PINNED (pglite-socket 0.2.17 private field, read by each new connection): see pglite-protocol-queue.ts.
    Object.assign(server, { queryQueue: new ProtocolQueue(db) });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    let stopping: Promise<void> | undefined;
    const pglite = db;
    const stop = () =>
      (stopping ??= (async () => {
        try {
          await server.stop();
          await pglite.close();
        } finally {
          releaseLock();
        }
      })());
    return { url, stop };
  } catch (error) {
    await db?.close().catch(() => undefined);
    releaseLock();
    throw error;
  }
}
