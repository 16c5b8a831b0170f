/**
 * A drop-in replacement for pglite-socket's query queue (`PGLiteSocketServer.queryQueue`) that makes several
 * connections safe on PGlite's single backend session. Installed by `embedded-postgres.ts` only.
 * The original (0.2.17, electric-sql/pglite#1046) hands the backend one message at a time from whichever
 * connection is next, pinning a connection only inside a transaction block: two connections' extended-
 * protocol batches (Parse/Bind/Execute/Sync) interleave and clobber the shared unnamed statement and portal
 * (`portal "" does not exist`, or silently wrong rows), and one thrown error stops the queue for good.
 */
import type { PGlite } from '@electric-sql/pglite';

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I': ReadyForQuery status outside a transaction block
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * The rule: once a connection's message has run, the backend belongs to that connection until it is back
 * to idle, i.e. its response ended with ReadyForQuery status 'I' (after Sync or a simple Query, outside a
 * transaction). So a whole extended-protocol batch, a COPY and a transaction each run without interleaving.
 * PINNED: the method names and signatures pglite-socket 0.2.17's handlers and server call on the queue.
 */
export class ProtocolQueue {
  private queue: QueuedMessage[] = [];
  private processing = false;
  /** The connection the backend belongs to (mid-batch or in a transaction), or null when idle. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  /** Queues one frontend message; resolves with the number of response bytes once it has run. */
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /** Drops a disconnected connection's queued messages. */
  clearQueueForHandler(handlerId: number): void {
    const dropped = this.queue.filter((item) => item.handlerId === handlerId);
    this.queue = this.queue.filter((item) => item.handlerId !== handlerId);
    for (const item of dropped) item.reject(new Error('connection closed'));
  }

  /** When a connection goes away owning the backend: end its batch (Sync), roll back its transaction. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    // Not nested: exec() takes the same PGlite mutex as runExclusive().
    await this.db.runExclusive(() => this.db.execProtocolRaw(SYNC)).catch(() => undefined);
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => undefined);
    this.owner = null;
    void this.process();
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === this.owner);
        if (index === -1 || this.queue.length === 0) return;
        const [item] = this.queue.splice(index, 1);
        if (item) await this.run(item);
      }
    } finally {
      this.processing = false;
    }
  }

  private async run(item: QueuedMessage): Promise<void> {
    let bytes = 0;
    let tail: Uint8Array = new Uint8Array(0); // the last 6 response bytes: a ReadyForQuery message is 'Z' 0 0 0 5 <status>
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(item.message, {
          onRawData: (data: Uint8Array) => {
            bytes += data.length;
            tail = lastBytes(tail, data, 6);
            item.onData(data);
          },
        }),
      );
      const idle =
        tail.length === 6 &&
        tail[0] === READY_FOR_QUERY &&
        tail.slice(1, 5).join() === '0,0,0,5' &&
        tail[5] === IDLE;
      this.owner = idle || item.message[0] === TERMINATE ? null : item.handlerId;
      item.resolve(bytes);
    } catch (error) {
      this.owner = this.db.isInTransaction() ? item.handlerId : null;
      item.reject(error);
    }
  }
}

function lastBytes(previous: Uint8Array, next: Uint8Array, count: number): Uint8Array {
  if (next.length >= count) return next.slice(next.length - count);
  const joined = new Uint8Array(previous.length + next.length);
  joined.set(previous);
  joined.set(next, previous.length);
  return joined.slice(Math.max(0, joined.length - count));
}
