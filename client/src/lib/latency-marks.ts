/**
 * User Timing marks for the "epoch end → point drawn" measurement (`npm run bench:web`, the e2e tests):
 * `epoch-arrived:<runId>:<epoch>` when the subscription delivers an epoch, `epoch-drawn:<runId>:<epoch>` one
 * animation frame after the chart committed it (the frame that paints it has started). Read with
 * `performance.getEntriesByType('mark')`; `performance.timeOrigin + startTime` is wall-clock ms. First mark per
 * epoch only; a few bytes per epoch, so it stays on in production.
 */

const seen = new Set<string>();

function mark(name: string): void {
  if (typeof performance === 'undefined' || seen.has(name)) return;
  seen.add(name);
  performance.mark(name);
}

export function markEpochArrived(runId: string, epoch: number): void {
  mark(`epoch-arrived:${runId}:${epoch}`);
}

/** Call after a chart has committed epochs up to `epochs`. */
export function markEpochsDrawn(runId: string, epochs: readonly number[]): void {
  if (typeof requestAnimationFrame === 'undefined') return;
  const pending = epochs.filter((e) => !seen.has(`epoch-drawn:${runId}:${e}`));
  if (pending.length) requestAnimationFrame(() => pending.forEach((e) => mark(`epoch-drawn:${runId}:${e}`)));
}
