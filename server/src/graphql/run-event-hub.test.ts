import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { RunStatus } from '../modules/runs/run.type.js';
import { TrainingEventType, type TrainingEvent } from '../modules/runs/run-event.type.js';
import { RESYNC, RunEventHub, type HubItem } from './run-event-hub.js';

const event = (runId: string, category: string, epoch = 1): TrainingEvent => ({
  runId,
  category,
  type: TrainingEventType.EPOCH,
  status: RunStatus.RUNNING,
  epoch,
  totalEpochs: 3,
  trainLoss: 1,
  valLoss: 1,
  elapsedMs: 1,
  error: null,
});

/** Everything buffered so far (ends the subscription). */
async function drain(iterator: AsyncIterableIterator<HubItem>): Promise<HubItem[]> {
  const items: HubItem[] = [];
  const sentinel = Symbol('end');
  for (;;) {
    const next = await Promise.race([iterator.next(), new Promise((r) => setImmediate(() => r(sentinel)))]);
    if (next === sentinel || (next as IteratorResult<HubItem>).done) break;
    items.push((next as IteratorResult<HubItem>).value as HubItem);
  }
  await iterator.return?.();
  return items;
}

describe('RunEventHub', () => {
  it('should route events by run and category, and give all-runs subscribers everything', async () => {
    const hub = new RunEventHub();
    const all = hub.subscribe();
    const beauty = hub.subscribe({ category: 'Beauty' });
    const run1 = hub.subscribe({ runId: 'r1' });
    const run1InToys = hub.subscribe({ runId: 'r1', category: 'Toys' });
    hub.publish(event('r1', 'Beauty'));
    hub.publish(event('r2', 'Beauty'));
    hub.publish(event('r3', 'Toys'));
    const ids = async (it: AsyncIterableIterator<HubItem>) =>
      (await drain(it)).map((e) => (e as TrainingEvent).runId);
    expect(await ids(all)).toEqual(['r1', 'r2', 'r3']);
    expect(await ids(beauty)).toEqual(['r1', 'r2']);
    expect(await ids(run1)).toEqual(['r1']);
    expect(await ids(run1InToys)).toEqual([]);
  });

  it('should release a subscription at once when it is returned while waiting for an event', async () => {
    const hub = new RunEventHub();
    const subscription = hub.subscribe({ category: 'Beauty' });
    const waiting = subscription.next();
    expect(hub.subscriberCount).toBe(1);
    await subscription.return!();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(hub.subscriberCount).toBe(0);
  });

  it('should release a subscription when its signal aborts', async () => {
    const hub = new RunEventHub();
    const controller = new AbortController();
    const subscription = hub.subscribe({}, controller.signal);
    const waiting = subscription.next();
    controller.abort();
    expect((await waiting).done).toBe(true);
    expect(hub.subscriberCount).toBe(0);
  });

  it('should tell every subscriber to resync', async () => {
    const hub = new RunEventHub();
    const a = hub.subscribe({ runId: 'r1' });
    const b = hub.subscribe({ category: 'Toys' });
    hub.resync();
    expect(await drain(a)).toEqual([RESYNC]);
    expect(await drain(b)).toEqual([RESYNC]);
  });

  it('should forward local events to other replicas, and remote ones not back', () => {
    const hub = new RunEventHub();
    const forwarded: string[] = [];
    hub.onLocalPublish = (e) => forwarded.push(e.runId);
    hub.publish(event('local', 'Beauty'));
    hub.publish(event('remote', 'Beauty'), { remote: true });
    expect(forwarded).toEqual(['local']);
  });
});
