/**
 * Runs the replay reads of new `trainingProgress` subscribers a few at a time, and lets subscribers that
 * arrive together share one read: a subscriber joins a read of the same key that is queued but has not
 * started yet (it will read the store after this subscriber subscribed, so nothing falls between the
 * replay and the live events), never one already running. 2,000 subscriptions opened at once then cost a
 * handful of queries instead of 2,000 queued ahead of every other request. Built in app.ts, used by
 * `run-progress.resolver.ts`.
 */

interface Waiting<T> {
  load: () => Promise<T>;
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/** Counters of a scheduler, for tests and the soak benchmark. */
export interface ReplayStats {
  /** Reads started. */
  loads: number;
  /** Requests answered by a read another request had queued. */
  shared: number;
}

export class ReplayScheduler {
  private running = 0;
  // Insertion order is the queue order; a key is here only while its read waits for a slot.
  private readonly waiting = new Map<string, Waiting<unknown>>();
  readonly stats: ReplayStats = { loads: 0, shared: 0 };

  /** @param concurrency reads running at once. @default 2 */
  constructor(private readonly concurrency = 2) {}

  /**
   * Runs `load` when a slot is free, or joins the queued (not yet started) read of the same `key`.
   * @returns what the read returned; rejects with its error (every sharer gets it).
   */
  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const queued = this.waiting.get(key) as Waiting<T> | undefined;
    if (queued) {
      this.stats.shared++;
      return queued.promise;
    }
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
    this.waiting.set(key, { load, promise, resolve, reject } as Waiting<unknown>);
    this.pump();
    return promise;
  }

  private pump(): void {
    while (this.running < this.concurrency) {
      const next = this.waiting.entries().next();
      if (next.done) return;
      const [key, read] = next.value;
      this.waiting.delete(key);
      this.running++;
      this.stats.loads++;
      read
        .load()
        .then(read.resolve, read.reject)
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}
