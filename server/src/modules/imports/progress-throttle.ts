/** How often an import reports progress while it reads, on either path: often enough for a live bar. */
export const PROGRESS_EVERY_MS = 250;

/** `report`, called at most once per PROGRESS_EVERY_MS (calls in between are dropped). */
export function throttleProgress<A extends unknown[]>(report: (...args: A) => void): (...args: A) => void {
  let last = Date.now();
  return (...args) => {
    if (Date.now() - last < PROGRESS_EVERY_MS) return;
    last = Date.now();
    report(...args);
  };
}
