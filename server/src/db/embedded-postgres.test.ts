/**
 * The embedded PGlite server: one process per data directory (lock file, stale locks taken over), and
 * a connection that dies inside a transaction does not block the others (ProtocolQueue).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  EmbeddedDatabaseInUseError,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from './embedded-postgres.js';

describe('startEmbeddedPostgres', () => {
  let root: string;
  let dataDir: string;
  let embedded: EmbeddedPostgres;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sales-forecast-embedded-'));
    dataDir = path.join(root, 'pglite');
    // A lock left by a process that no longer exists.
    fs.writeFileSync(`${dataDir}.lock`, String(spawnSync('true').pid));
    embedded = await startEmbeddedPostgres({ dataDir });
  });
  afterAll(async () => {
    await embedded?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('should take over the lock when the process holding it is gone', () => {
    expect(fs.readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    expect(embedded.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
  });

  it('should refuse to start when the data directory is in use', async () => {
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
  });

  it('should serve other connections when a connection dies inside a transaction', async () => {
    const pool = new pg.Pool({ connectionString: embedded.url, max: 4 });
    await pool.query('CREATE TABLE dead_tx (id int PRIMARY KEY)');
    const dying = new pg.Client({ connectionString: embedded.url });
    dying.on('error', () => undefined);
    await dying.connect();
    await dying.query('BEGIN');
    await dying.query('INSERT INTO dead_tx VALUES ($1)', [1]);
    // Kill the socket without a ROLLBACK or Terminate, as a crashed process would.
    (dying as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const ids = await Promise.all(
      [2, 3, 4].map((id) => pool.query('INSERT INTO dead_tx VALUES ($1) RETURNING id', [id])),
    );
    expect(ids.map((r) => r.rows[0].id)).toEqual([2, 3, 4]);
    const { rows } = await pool.query<{ id: number }>('SELECT id FROM dead_tx ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual([2, 3, 4]);
    await pool.end();
  });

  it('should release the port and the lock when stopped', async () => {
    await embedded.stop();
    await embedded.stop();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
    const client = new pg.Client({ connectionString: embedded.url, connectionTimeoutMillis: 2000 });
    await expect(client.connect()).rejects.toThrow();
  });
});
