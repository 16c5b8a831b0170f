/**
 * One subscriber's queue in the `RunEventHub`: an async iterator that buffers what the hub pushes until it
 * is read, and whose `return()` ends it at once, even while a `next()` is waiting (the pending read
 * resolves as done). That is what lets graphql-ws release a closed socket's subscription immediately
 * instead of at the next matching event. Created only by `run-event-hub.ts`.
 */
import type { TrainingEvent } from '../modules/runs/run-event.type.js';

/** Pushed to every subscriber when events may have been missed (the cross-replica feed reconnected). */
export const RESYNC = Symbol('resync');
export type HubItem = TrainingEvent | typeof RESYNC;

/** Which events a subscriber gets: one run's, one category's, or (both unset) all. */
export interface HubFilter {
  runId?: string | null;
  category?: string | null;
}

export class HubSubscription implements AsyncIterableIterator<HubItem> {
  private readonly buffer: HubItem[] = [];
  private waiting?: (result: IteratorResult<HubItem>) => void;
  private closed = false;

  constructor(
    readonly filter: HubFilter,
    private readonly onClose: (subscription: HubSubscription) => void,
  ) {}

  /** Queues an item (or hands it to a waiting `next()`); ignored once closed. */
  push(item: HubItem): void {
    if (this.closed) return;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting({ done: false, value: item });
    else this.buffer.push(item);
  }

  next(): Promise<IteratorResult<HubItem>> {
    const item = this.buffer.shift();
    if (item !== undefined) return Promise.resolve({ done: false, value: item });
    if (this.closed) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Ends the subscription now: unregisters it, drops its buffer and ends a waiting `next()`. */
  return(): Promise<IteratorResult<HubItem>> {
    if (!this.closed) {
      this.closed = true;
      this.buffer.length = 0;
      this.onClose(this);
      this.waiting?.({ done: true, value: undefined });
      this.waiting = undefined;
    }
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<HubItem> {
    return this;
  }
}
