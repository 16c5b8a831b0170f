/**
 * In-process fan-out of sales events: `salesUpdated` (a category's data moved on) and import progress.
 * `subscribe()` buffers from the moment it is called (node's `events.on`), so a subscriber that then reads
 * the current state misses nothing. Writers publish after their transaction commits. One per server;
 * sales-event-bridge.ts carries them to the other replicas on one Postgres.
 */
import { EventEmitter, on } from 'node:events';
import type { CategoryChange } from './apply-sales.js';

/** The event topics. */
export type SalesTopic = 'sales' | 'import';

/** An import's state (the API's `Import`, which carries more fields). */
export interface ImportEvent {
  id: string;
  status: string;
}

export interface SalesEventMap {
  sales: CategoryChange;
  import: ImportEvent;
}

export class SalesEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0); // one listener per live subscription
  }

  /** Set by `SalesEventBridge`: forwards events published here to other replicas. */
  onLocalPublish?: <T extends SalesTopic>(topic: T, event: SalesEventMap[T]) => void;

  /**
   * Delivers an event to this process's subscribers.
   * @param options.remote the event came from another replica: deliver it here only.
   */
  publish<T extends SalesTopic>(topic: T, event: SalesEventMap[T], options: { remote?: boolean } = {}): void {
    this.emitter.emit(topic, event);
    if (!options.remote) this.onLocalPublish?.(topic, event);
  }

  /** Events of `topic` from the moment of this call (buffered until read), until `return()`. */
  subscribe<T extends SalesTopic>(topic: T): AsyncIterableIterator<SalesEventMap[T]> {
    const events = on(this.emitter, topic) as AsyncIterableIterator<[SalesEventMap[T]]>;
    return {
      next: async () => {
        const result = await events.next();
        return result.done ? result : { done: false, value: result.value[0] };
      },
      return: async () => {
        await events.return?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
