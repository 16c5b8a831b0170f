/**
 * In-process fan-out of training events to subscribers, routed by run id and category: an event reaches
 * the subscribers of its run, of its category and of all runs, and no other listener looks at it.
 * `subscribe()` starts buffering at the moment it is called, which is what lets the subscription resolver
 * subscribe first, then read stored epochs, then stream live ones without a gap at the seam; `return()`
 * on the iterator releases it at once (see hub-subscription.ts). One hub per server; the training
 * lifecycle publishes, `run-progress.resolver.ts` subscribes, `run-event-bridge.ts` feeds other replicas'
 * events in (and asks for a resync when its feed was interrupted).
 */
import type { TrainingEvent } from '../modules/runs/run-event.type.js';
import { HubSubscription, RESYNC, type HubFilter, type HubItem } from './hub-subscription.js';

export { RESYNC, type HubFilter, type HubItem } from './hub-subscription.js';

const ALL = 'all';
const routeOf = (filter: HubFilter) =>
  filter.runId ? `run:${filter.runId}` : filter.category ? `category:${filter.category}` : ALL;

export class RunEventHub {
  private readonly routes = new Map<string, Set<HubSubscription>>();
  private count = 0;

  /** Set by `RunEventBridge`: forwards events published here to other replicas. */
  onLocalPublish?: (event: TrainingEvent) => void;

  /**
   * Delivers an event to the subscribers of its run, its category and all runs (queued, never blocks).
   * @param options.remote the event came from another replica: deliver it here only.
   */
  publish(event: TrainingEvent, options: { remote?: boolean } = {}): void {
    for (const route of [ALL, `category:${event.category}`, `run:${event.runId}`]) {
      for (const subscription of this.routes.get(route) ?? []) {
        const { category } = subscription.filter;
        // A run subscription may also name a category; an event of that run in another one is not for it.
        if (!category || category === event.category) subscription.push(event);
      }
    }
    if (!options.remote) this.onLocalPublish?.(event);
  }

  /**
   * Tells every subscriber that events may have been missed (yields `RESYNC`): it re-reads the stored
   * state. Called by the bridge after its feed of other replicas' events reconnected.
   */
  resync(): void {
    for (const subscriptions of this.routes.values()) for (const s of subscriptions) s.push(RESYNC);
  }

  /**
   * An async iterator of the matching events published from now on (and `RESYNC` marks), buffered until
   * read. Ends when `signal` aborts or the consumer calls `return()`, at once in both cases.
   */
  subscribe(filter: HubFilter = {}, signal?: AbortSignal): AsyncIterableIterator<HubItem> {
    const route = routeOf(filter);
    const subscription = new HubSubscription(filter, (closed) => {
      const set = this.routes.get(route);
      if (!set?.delete(closed)) return;
      this.count--;
      if (set.size === 0) this.routes.delete(route);
      signal?.removeEventListener('abort', close);
    });
    const close = () => void subscription.return();
    if (signal?.aborted) {
      close();
      return subscription;
    }
    signal?.addEventListener('abort', close, { once: true });
    let set = this.routes.get(route);
    if (!set) this.routes.set(route, (set = new Set()));
    set.add(subscription);
    this.count++;
    return subscription;
  }

  /** Current number of subscribers (for the live-subscriptions gauge). */
  get subscriberCount(): number {
    return this.count;
  }
}
