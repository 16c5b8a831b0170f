/**
 * The import ledger through Prisma: create a QUEUED import for a file on disk (its size and sha256
 * computed here, streamed), list imports newest first with cursors, get one, and mark imports left
 * RUNNING or QUEUED by a dead process FAILED (interrupted). No GraphQL types here besides coded errors.
 * Called by the import resolver, the import runner, the CLI and the first-start seed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { PrismaClient, SalesImport as ImportRow } from '../../generated/prisma/client.js';

export type { ImportRow };

/** The message of imports whose process died. */
export const IMPORT_INTERRUPTED = 'interrupted: the process importing it stopped; nothing was imported';

export interface CreateImportRequest {
  path: string;
  fileName: string;
  /** Namespace of transaction ids. @default "default" */
  source?: string;
  skipBadRows?: boolean;
  /** "api", "cli", "seed". */
  requestedBy: string;
}

/** Size and sha256 (hex) of a file, read as a stream. */
export async function fileChecksum(path: string): Promise<{ checksum: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(fs.createReadStream(path), async function* (source) {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      hash.update(chunk);
    }
    yield* [];
  });
  return { checksum: hash.digest('hex'), bytes };
}

/** Where imports' transaction ids live unless the caller names a source. */
export const DEFAULT_SOURCE = 'default';

export class ImportsService {
  constructor(private readonly prisma: PrismaClient) {}

  /** A QUEUED ledger row for the file; `checksum`/`bytes` when already known (the upload computed them). */
  async create(
    request: CreateImportRequest,
    known?: { checksum: string; bytes: number },
  ): Promise<ImportRow> {
    const { checksum, bytes } = known ?? (await fileChecksum(request.path));
    return this.prisma.salesImport.create({
      data: {
        source: request.source ?? DEFAULT_SOURCE,
        fileName: request.fileName,
        checksum,
        bytes,
        skipBadRows: request.skipBadRows ?? false,
        requestedBy: request.requestedBy,
        heartbeatAt: new Date(),
      },
    });
  }

  /** Imports running now, or finished at or after `since` (re-read after an event outage). */
  changedSince(since: Date): Promise<ImportRow[]> {
    return this.prisma.salesImport.findMany({
      where: { OR: [{ status: 'RUNNING' }, { finishedAt: { gte: since } }] },
      orderBy: { createdAt: 'asc' },
    });
  }

  /** An import, or null (also for an id that is not a UUID). */
  get(id: string): Promise<ImportRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(null);
    return this.prisma.salesImport.findUnique({ where: { id } });
  }

  /** A page of imports, newest first, after the import `cursor` (its createdAt and id). */
  async list(
    first: number,
    cursor?: { createdAt: Date; id: string },
  ): Promise<{ rows: ImportRow[]; totalCount: number; hasNextPage: boolean }> {
    const [rows, totalCount] = await Promise.all([
      this.prisma.salesImport.findMany({
        where: cursor && {
          OR: [
            { createdAt: { lt: cursor.createdAt } },
            { createdAt: cursor.createdAt, id: { lt: cursor.id } },
          ],
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: first + 1,
      }),
      this.prisma.salesImport.count(),
    ]);
    return { rows: rows.slice(0, first), totalCount, hasNextPage: rows.length > first };
  }

  /** Records that the process holding `ids` (queued or running) is alive. */
  async heartbeat(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.salesImport.updateMany({
      where: { id: { in: ids }, status: { in: ['QUEUED', 'RUNNING'] } },
      data: { heartbeatAt: new Date() },
    });
  }

  /** Progress of a running import (bytes and rows read so far). */
  async recordProgress(
    id: string,
    progress: { bytesRead: number; rowsRead: number; badLineCount: number },
  ): Promise<void> {
    await this.prisma.salesImport.updateMany({
      where: { id, status: 'RUNNING' },
      data: { ...progress, heartbeatAt: new Date() },
    });
  }

  /**
   * Marks imports whose process died FAILED (interrupted): QUEUED or RUNNING ones with a heartbeat older
   * than `staleBefore`, and, with `queuedToo` (this process is the database's only user), every QUEUED
   * one (its uploaded file was that process's). Their staged rows died with their session.
   * @returns how many were marked.
   */
  async markInterrupted(staleBefore: Date, queuedToo = false): Promise<number> {
    const stale = {
      status: { in: ['QUEUED' as const, 'RUNNING' as const] },
      OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: staleBefore } }],
    };
    const { count } = await this.prisma.salesImport.updateMany({
      where: { OR: [stale, ...(queuedToo ? [{ status: 'QUEUED' as const }] : [])] },
      data: INTERRUPTED_DATA(),
    });
    return count;
  }

  /**
   * Marks these imports FAILED unless they already ended: interrupted (their process stops), or with
   * `reason` (INTERNAL: the import itself broke, e.g. its database connection).
   */
  async failUnfinished(ids: string[], reason?: string): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.salesImport.updateMany({
      where: { id: { in: ids }, status: { in: ['QUEUED', 'RUNNING'] } },
      data: reason ? { ...INTERRUPTED_DATA(), errorCode: 'INTERNAL', error: reason } : INTERRUPTED_DATA(),
    });
  }
}

const INTERRUPTED_DATA = () => ({
  status: 'FAILED' as const,
  errorCode: 'INTERRUPTED',
  error: IMPORT_INTERRUPTED,
  finishedAt: new Date(),
  claimedBy: null,
});
