/**
 * The "epoch end → point drawn" measurement. For each epoch of a run, three wall-clock instants on this one
 * machine (same clock for the API, Postgres and Chromium):
 *   stored  – EpochMetric.createdAt: the API's main thread wrote the epoch the worker had just posted
 *             (read from Postgres; the closest instant to the epoch's end in the worker the API exposes —
 *             it misses only the worker→main postMessage and message validation, well under a millisecond);
 *   arrived – the subscription delivered the event to the page (`epoch-arrived` User Timing mark);
 *   drawn   – one animation frame after the chart committed the point (`epoch-drawn` mark).
 * drawn − stored is the reported latency; drawn − arrived is the browser's share.
 */
import type { Page } from '@playwright/test';
import pg from 'pg';

export interface EpochLatency {
  epoch: number;
  storedAt: number | null;
  arrivedAt: number | null;
  drawnAt: number | null;
}

export async function readMarks(
  page: Page,
  runId: string,
): Promise<Map<number, { arrivedAt?: number; drawnAt?: number }>> {
  const marks = await page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .map((m) => ({ name: m.name, at: performance.timeOrigin + m.startTime })),
  );
  const byEpoch = new Map<number, { arrivedAt?: number; drawnAt?: number }>();
  for (const { name, at } of marks) {
    const [kind, id, epoch] = name.split(':');
    if (id !== runId || !epoch) continue;
    const entry = byEpoch.get(Number(epoch)) ?? {};
    if (kind === 'epoch-arrived') entry.arrivedAt = at;
    if (kind === 'epoch-drawn') entry.drawnAt = at;
    byEpoch.set(Number(epoch), entry);
  }
  return byEpoch;
}

export async function readStoredTimes(databaseUrl: string, runId: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // createdAt is "timestamp(3) without time zone" holding UTC (Prisma): epoch from it reads it as UTC.
    const { rows } = await client.query<{ epoch: number; ms: string }>(
      'SELECT epoch, extract(epoch FROM "createdAt") * 1000 AS ms FROM "EpochMetric" WHERE "runId" = $1',
      [runId],
    );
    return new Map(rows.map((r) => [r.epoch, Number(r.ms)]));
  } finally {
    await client.end();
  }
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarizeLatency(rows: readonly EpochLatency[]) {
  const total = rows.flatMap((r) =>
    r.storedAt != null && r.drawnAt != null ? [r.drawnAt - r.storedAt] : [],
  );
  const browser = rows.flatMap((r) =>
    r.arrivedAt != null && r.drawnAt != null ? [r.drawnAt - r.arrivedAt] : [],
  );
  const stat = (v: number[]) => ({
    n: v.length,
    p50: percentile(v, 50),
    p99: percentile(v, 99),
    max: Math.max(...v),
  });
  return {
    storedToDrawnMs: total.length ? stat(total) : null,
    arrivedToDrawnMs: browser.length ? stat(browser) : null,
  };
}
