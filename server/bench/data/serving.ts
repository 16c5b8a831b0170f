/**
 * Parts 3 and 4 of `data.bench.ts`, against the API server in a child process on the 1,000-category
 * database: `series` and `categories` latency (p50/p99 of sequential requests) beside `{ __typename }`
 * through the same stack, and `recordSales` rows/s (calls of 10,000 rows) beside a bare Postgres
 * `INSERT … SELECT unnest(…)` of the same rows.
 */
import pg from 'pg';
import { percentile } from '../api/format.js';
import { gql } from '../api/http.js';

export interface Latency {
  p50Ms: number;
  p99Ms: number;
}

/** p50/p99 of `n` sequential requests of `query` (variables per request from `vars`). */
export async function latency(
  graphqlUrl: string,
  query: string,
  n: number,
  vars: (i: number) => object = () => ({}),
): Promise<Latency> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await gql(graphqlUrl, query, vars(i));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) };
}

// Rows on the catalogue's own categories and days (new transaction ids): the catalogue stays as it was.
function batch(call: number, size: number, names: string[]) {
  return Array.from({ length: size }, (_, i) => ({
    date: `2022-01-${String(1 + (call % 28)).padStart(2, '0')}`,
    category: names[(call * size + i) % names.length]!,
    amount: (i % 50) + 0.25,
    transactionId: `bench-${call}-${i}`,
  }));
}

/** recordSales rows/s over `calls` calls of `size` rows, and the bare INSERT ceiling of the same rows. */
export async function recordSalesRate(
  graphqlUrl: string,
  databaseUrl: string,
  names: string[],
  calls: number,
  size: number,
) {
  const query = 'mutation ($rows: [SaleInput!]!) { recordSales(input: $rows, source: "bench") { accepted } }';
  let started = performance.now();
  for (let call = 0; call < calls; call++) await gql(graphqlUrl, query, { rows: batch(call, size, names) });
  const api = (calls * size) / ((performance.now() - started) / 1000);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      'CREATE TEMP TABLE ceiling (category text, day date, amount numeric, txn text PRIMARY KEY)',
    );
    started = performance.now();
    for (let call = 0; call < calls; call++) {
      const rows = batch(call + calls, size, names);
      await client.query(
        'INSERT INTO ceiling SELECT * FROM unnest($1::text[], $2::date[], $3::numeric[], $4::text[])',
        [
          rows.map((r) => r.category),
          rows.map((r) => r.date),
          rows.map((r) => String(r.amount)),
          rows.map((r) => r.transactionId),
        ],
      );
    }
    return { api, ceiling: (calls * size) / ((performance.now() - started) / 1000) };
  } finally {
    await client.end();
  }
}
