/**
 * In-process fan-out of training events to subscribers. `subscribe()` starts buffering at the moment it
 * is called (node's `events.on`), which is what lets the subscription resolver subscribe first, then read
 * stored epochs, then stream live ones without a gap at the seam. One hub per server; the training
 * lifecycle publishes, `run-progress.resolver.ts` subscribes. Events of other replicas arrive through
 * `publish` too once a cross-process transport (Postgres LISTEN/NOTIFY) feeds it.
 */
import { EventEmitter, on } from 'node:events';
import type { TrainingEvent } from '../modules/runs/run-event.type.js';

const EVENT = 'training-event';

export class RunEventHub {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every live subscription is a listener; thousands are expected (fan-out to 1,000+ clients).
    this.emitter.setMaxListeners(0);
  }

  /** Set by `RunEventBridge`: forwards events published here to other replicas. */
  onLocalPublish?: (event: TrainingEvent) => void;

  /**
   * Delivers an event to every current subscriber (synchronously queued, never blocks).
   * @param options.remote the event came from another replica: deliver it here only.
   */
  publish(event: TrainingEvent, options: { remote?: boolean } = {}): void {
    this.emitter.emit(EVENT, event);
    if (!options.remote) this.onLocalPublish?.(event);
  }

  /**
   * An async iterator of every event published from now on, buffered until read.
   * Ends (and stops buffering) when `signal` aborts or the consumer calls `return()`.
   */
  subscribe(signal?: AbortSignal): AsyncIterableIterator<TrainingEvent> {
    const iterator = on(this.emitter, EVENT, { signal }) as AsyncIterableIterator<[TrainingEvent]>;
    return {
      next: async () => {
        try {
          const result = await iterator.next();
          return result.done ? result : { done: false, value: result.value[0] };
        } catch (error) {
          if ((error as Error).name === 'AbortError') return { done: true, value: undefined };
          throw error;
        }
      },
      return: async () => {
        await iterator.return?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Current number of subscribers (for the live-subscriptions gauge). */
  get subscriberCount(): number {
    return this.emitter.listenerCount(EVENT);
  }
}
