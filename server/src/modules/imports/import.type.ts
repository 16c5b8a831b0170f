/**
 * GraphQL types of the import ledger: `Import` (status, counts, the first bad lines), `ImportStatus`,
 * `ImportBadLine`, and the Relay-style `ImportConnection` of `imports`. Filled from SalesImport rows by
 * `toImport`. The subscription `importProgress` sends the same `Import` at every step.
 */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { SalesImport as ImportRow } from '../../generated/prisma/client.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { PageInfo } from '../runs/run.type.js';

export enum ImportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
  DUPLICATE = 'DUPLICATE',
}
registerEnumType(ImportStatus, {
  name: 'ImportStatus',
  description:
    'QUEUED → RUNNING → SUCCEEDED (written) | REJECTED (bad rows; nothing written) | FAILED (unusable file or interrupted; nothing written) | DUPLICATE (the same file was imported before; nothing written).',
});

/** Statuses after which an import never changes. */
export const FINISHED_IMPORT_STATUSES: readonly string[] = ['SUCCEEDED', 'REJECTED', 'FAILED', 'DUPLICATE'];

@ObjectType({ description: 'A line of the file that could not be imported.', simpleResolvers: true })
export class ImportBadLine {
  @Field(() => Int, { description: 'Line in the file, from 1 (the header).' }) line!: number;
  @Field(() => String, { description: 'INVALID_DATE, INVALID_AMOUNT, EMPTY_CATEGORY, WRONG_FIELD_COUNT, …' })
  code!: string;
  @Field(() => String) message!: string;
}

@ObjectType({ description: 'A CSV import: its progress while it runs, then what it did.' })
export class Import {
  @Field(() => ID) id!: string;
  @Field(() => ImportStatus) status!: ImportStatus;
  @Field(() => String) fileName!: string;
  @Field(() => String, { description: 'Namespace of the transaction ids.' }) source!: string;
  @Field(() => String, { description: 'sha256 of the file, hex.' }) checksum!: string;
  @Field(() => Boolean, {
    description: 'Good rows are imported and bad ones reported (else any bad row rejects the file).',
  })
  skipBadRows!: boolean;
  @Field(() => Float) bytes!: number;
  @Field(() => Float) bytesRead!: number;
  @Field(() => Float, { description: 'bytesRead / bytes, 0–1.' }) progress!: number;
  @Field(() => Int, { description: 'Data rows read (the header and blank lines are not rows).' })
  rows!: number;
  @Field(() => Int, { description: 'Rows added to the daily totals.' }) rowsAccepted!: number;
  @Field(() => Int) rowsRejected!: number;
  @Field(() => Int, { description: 'Rows whose (source, transaction id) was already stored.' })
  duplicates!: number;
  @Field(() => Int, { description: '(category, day) totals changed.' }) days!: number;
  @Field(() => Int) categoriesTouched!: number;
  @Field(() => Int, { description: 'Categories that did not exist before.' }) categoriesAdded!: number;
  @Field(() => [ImportBadLine], { description: 'The first 1,000 bad lines (badLineCount has them all).' })
  badLines!: ImportBadLine[];
  @Field(() => Int) badLineCount!: number;
  @Field(() => String, {
    nullable: true,
    description: 'BAD_ROWS, MISSING_COLUMNS, NO_ROWS, UNREADABLE, INTERRUPTED, INTERNAL.',
  })
  errorCode!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => ID, { nullable: true, description: 'The earlier import of the same file (DUPLICATE).' })
  duplicateOf!: string | null;
  @Field(() => String, { description: '"api", "cli" or "seed".' }) requestedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType()
export class ImportEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Import) node!: Import;
}

@ObjectType({ description: 'Imports, newest first.' })
export class ImportConnection {
  @Field(() => [ImportEdge]) edges!: ImportEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

/** The API view of a ledger row. */
export function toImport(row: ImportRow): Import {
  const bytes = Number(row.bytes);
  const bytesRead = Number(row.bytesRead);
  return {
    id: row.id,
    status: row.status as ImportStatus,
    fileName: row.fileName,
    source: row.source,
    checksum: row.checksum,
    skipBadRows: row.skipBadRows,
    bytes,
    bytesRead,
    progress: row.status === 'SUCCEEDED' ? 1 : bytes > 0 ? Math.min(1, bytesRead / bytes) : 0,
    rows: row.rowsRead,
    rowsAccepted: row.rowsAccepted,
    rowsRejected: row.rowsRejected,
    duplicates: row.rowsDuplicate,
    days: row.daysTouched,
    categoriesTouched: row.categoriesTouched,
    categoriesAdded: row.categoriesAdded,
    badLines: (row.badLines as unknown as ImportBadLine[]) ?? [],
    badLineCount: row.badLineCount,
    errorCode: row.errorCode,
    error: row.error,
    duplicateOf: row.duplicateOfId,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
