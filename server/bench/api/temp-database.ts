/**
 * A throwaway Postgres database for the parts of `bench:api` that need several processes on one database
 * (the embedded one serves a single process): created on `--database-url`'s server, or on the local
 * Postgres (BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres), dropped at the end.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const LOCAL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TempDatabase {
  url: string;
  drop(): Promise<void>;
}

/** @throws with the reason when the server cannot be reached or the database cannot be created. */
export async function createTempDatabase(
  serverUrl = process.env.BENCH_POSTGRES_URL ?? LOCAL,
): Promise<TempDatabase> {
  const name = `bench_api_${randomUUID().slice(0, 8)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
