/**
 * The API's imports: an uploaded file is streamed to DATA_DIR/uploads (hashed on the way: memory stays
 * flat), recorded QUEUED in the ledger, and imported in a worker thread, one import at a time per process
 * (an import keeps a core busy; the API keeps the other). Progress is published live (`importProgress`)
 * and written to the ledger every second (heartbeat); when an import ends its categories get
 * `salesUpdated` events and the retrain policy runs. `stop()` ends running imports: their transaction
 * never commits, and they are marked FAILED (interrupted). Built by app.ts, called by import.resolver.ts.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import type { Config } from '../../config/load-config.js';
import type { Database } from '../../db/db.js';
import type { CategoryChange } from '../sales/apply-sales.js';
import type { RetrainPolicy } from '../sales/retrain-policy.js';
import type { SalesEvents } from '../sales/sales-events.js';
import { buildImportJob } from './import-job.js';
import type { ImportProgress } from './import-sales-file.js';
import { toImport, type Import } from './import.type.js';
import type { ImportRow, ImportsService } from './imports.service.js';
import { startImportWorker, type ImportWorkerHandle } from './run-import-worker.js';

export interface ImportRunnerOptions {
  config: Config;
  db: Database;
  imports: ImportsService;
  events: SalesEvents;
  policy: RetrainPolicy;
  logger: Logger;
  instanceId: string;
  /** Called per category an import wrote to (caches to drop). */
  onCategoryChanged?: (category: string) => void;
}

export interface UploadRequest {
  stream: NodeJS.ReadableStream;
  fileName: string;
  source: string;
  skipBadRows: boolean;
  requestedBy: string;
}

/** Thrown when an upload exceeds data.max_upload_mb (nothing is recorded). */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
}

const LEDGER_EVERY_MS = 1000;
const HEARTBEAT_MS = 5000;
/** An import whose heartbeat is older than this was left by a dead process. */
export const IMPORT_STALE_MS = 60_000;

export class ImportRunner {
  private chain: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private readonly running = new Map<string, ImportWorkerHandle>();
  private readonly finished = new Map<string, Promise<ImportRow>>();
  private stopping = false;

  constructor(private readonly options: ImportRunnerOptions) {}

  private get uploadsDir(): string {
    return path.join(this.options.config.dataDir, 'uploads');
  }

  /**
   * Removes uploads left by a previous process (their imports were marked interrupted), then keeps this
   * process's imports alive (heartbeat) and marks those of dead processes interrupted, every 5 s.
   */
  start(): void {
    fs.rmSync(this.uploadsDir, { recursive: true, force: true });
    const { imports, logger } = this.options;
    this.timer = setInterval(() => {
      imports
        .heartbeat([...this.finished.keys()])
        .then(() => imports.markInterrupted(new Date(Date.now() - IMPORT_STALE_MS)))
        .catch((err: unknown) => logger.warn({ err }, 'import heartbeat failed; retrying'));
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  /**
   * Streams the upload to disk, records it QUEUED and queues its import.
   * @returns the ledger row and a promise of the finished row.
   * @throws FileTooLargeError over data.max_upload_mb; the stream's error when the upload breaks off.
   */
  async submit(request: UploadRequest): Promise<{ row: ImportRow; finished: Promise<ImportRow> }> {
    fs.mkdirSync(this.uploadsDir, { recursive: true });
    const file = path.join(this.uploadsDir, `${randomUUID()}.csv`);
    try {
      const { checksum, bytes } = await this.spool(request.stream, file);
      const row = await this.options.imports.create({ ...request, path: file }, { checksum, bytes });
      const finished = new Promise<ImportRow>((resolve, reject) => {
        this.chain = this.chain.then(() => this.run(row, file).then(resolve, reject));
      });
      finished.catch(() => undefined);
      this.finished.set(row.id, finished);
      void finished.finally(() => this.finished.delete(row.id));
      return { row, finished };
    } catch (error) {
      fs.rmSync(file, { force: true });
      throw error;
    }
  }

  private async spool(
    stream: NodeJS.ReadableStream,
    file: string,
  ): Promise<{ checksum: string; bytes: number }> {
    const hash = createHash('sha256');
    const max = this.options.config.data.maxUploadBytes;
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > max)
          return callback(new FileTooLargeError(`the file is larger than data.max_upload_mb (${max} bytes)`));
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    await pipeline(stream, meter, fs.createWriteStream(file));
    return { checksum: hash.digest('hex'), bytes };
  }

  private async run(row: ImportRow, file: string): Promise<ImportRow> {
    const { imports, events, logger } = this.options;
    try {
      if (this.stopping) return await this.interrupted(row.id);
      let lastWrite = 0;
      const onProgress = (progress: ImportProgress) => {
        const live: Import = {
          ...toImport(row),
          status: 'RUNNING' as Import['status'],
          bytesRead: progress.bytesRead,
          progress: row.bytes ? Math.min(1, progress.bytesRead / Number(row.bytes)) : 0,
          rows: progress.rowsRead,
          badLineCount: progress.badLineCount,
        };
        events.publish('import', live);
        if (Date.now() - lastWrite < LEDGER_EVERY_MS) return;
        lastWrite = Date.now();
        imports
          .recordProgress(row.id, progress)
          .catch((err: unknown) => logger.warn({ err }, 'could not record import progress'));
      };
      const handle = startImportWorker(buildImportJob({ ...this.options, row, path: file }), onProgress);
      this.running.set(row.id, handle);
      const result = await handle.done.finally(() => this.running.delete(row.id));
      if ('failed' in result) {
        logger.error({ importId: row.id, reason: result.failed }, 'import failed');
        await imports.failUnfinished([row.id], this.stopping ? undefined : result.failed);
      }
      const final = (await imports.get(row.id))!;
      events.publish('import', toImport(final));
      if ('outcome' in result) {
        const { status, fastPath, fastPathMiss } = result.outcome;
        // Why a large file took the slow way is the first question about its speed.
        logger.info({ importId: row.id, status, fastPath: fastPath ?? false, fastPathMiss }, 'import ended');
        await this.afterImport(result.outcome.categories);
      }
      return final;
    } finally {
      fs.rmSync(file, { force: true });
    }
  }

  private async afterImport(categories: CategoryChange[]): Promise<void> {
    for (const change of categories) {
      this.options.onCategoryChanged?.(change.name);
      this.options.events.publish('sales', change);
    }
    await this.options.policy
      .queueDue(categories.map((c) => c.name))
      .catch((err: unknown) =>
        this.options.logger.error({ err }, 'the retrain policy could not queue runs after an import'),
      );
  }

  private async interrupted(id: string): Promise<ImportRow> {
    await this.options.imports.failUnfinished([id]);
    return (await this.options.imports.get(id))!;
  }

  /** The finished row of an import this process runs (or the current row of any other). */
  async waitFor(id: string): Promise<ImportRow | null> {
    return (await this.finished.get(id)) ?? this.options.imports.get(id);
  }

  /** Stops running imports (their transactions never commit) and marks them FAILED (interrupted). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    const ids = [...this.running.keys()];
    await Promise.all([...this.running.values()].map((handle) => handle.terminate()));
    await this.options.imports.failUnfinished(ids);
    await this.chain.catch(() => undefined);
  }
}
