/**
 * The import ledger's state changes in SQL, run on the import's own connection (import-sales-file.ts):
 * QUEUED → RUNNING (or straight to DUPLICATE when a SUCCEEDED import has the same checksum), then the
 * final status with the counts and the first bad lines. The SUCCEEDED update runs inside the transaction
 * that writes the sales. Ledger reads and the reaper are in imports.service.ts.
 */
import type { SqlRunner } from '../sales/apply-sales.js';

/** A line of the file that could not be imported. */
export interface BadLine {
  line: number;
  code: string;
  message: string;
}

export type ImportStatusName = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'REJECTED' | 'FAILED' | 'DUPLICATE';

/** How an import ended, as written to its ledger row. */
export interface ImportResult {
  status: ImportStatusName;
  bytesRead?: number;
  rowsRead?: number;
  rowsAccepted?: number;
  rowsRejected?: number;
  rowsDuplicate?: number;
  daysTouched?: number;
  categoriesTouched?: number;
  categoriesAdded?: number;
  badLines?: BadLine[];
  badLineCount?: number;
  errorCode?: string;
  error?: string;
  duplicateOfId?: string | null;
}

/**
 * Marks a QUEUED import RUNNING for `instanceId`, unless the same file was imported before.
 * @returns the id of that earlier SUCCEEDED import, or null.
 * @throws when the row is not QUEUED (someone else runs it, or it was already finished).
 */
export async function markRunning(
  sql: SqlRunner,
  importId: string,
  instanceId: string,
): Promise<string | null> {
  const [row] = await sql<{ checksum: string }>(
    `UPDATE "SalesImport" SET "status" = 'RUNNING', "startedAt" = now(), "heartbeatAt" = now(), "claimedBy" = $2
      WHERE "id" = $1 AND "status" = 'QUEUED' RETURNING "checksum"`,
    [importId, instanceId],
  );
  if (!row) throw new Error(`import ${importId} is not QUEUED`);
  const [earlier] = await sql<{ id: string }>(
    `SELECT "id"::text AS id FROM "SalesImport" WHERE "checksum" = $1 AND "status" = 'SUCCEEDED' LIMIT 1`,
    [row.checksum],
  );
  return earlier?.id ?? null;
}

/** Writes the final state (finishedAt now). A DUPLICATE without `duplicateOfId` finds its original. */
export async function finishImport(
  sql: SqlRunner,
  importId: string,
  result: ImportResult,
): Promise<ImportResult> {
  await sql(
    `UPDATE "SalesImport" SET
        "status" = $2::"ImportStatus", "finishedAt" = now(), "claimedBy" = NULL,
        "bytesRead" = coalesce($3, "bytesRead"), "rowsRead" = coalesce($4, "rowsRead"),
        "rowsAccepted" = coalesce($5, 0), "rowsRejected" = coalesce($6, 0), "rowsDuplicate" = coalesce($7, 0),
        "daysTouched" = coalesce($8, 0), "categoriesTouched" = coalesce($9, 0), "categoriesAdded" = coalesce($10, 0),
        "badLines" = coalesce($11::jsonb, '[]'), "badLineCount" = coalesce($12, 0),
        "errorCode" = $13, "error" = $14,
        "duplicateOfId" = CASE WHEN $2 = 'DUPLICATE' THEN coalesce($15::uuid, (SELECT o."id" FROM "SalesImport" o
            WHERE o."checksum" = "SalesImport"."checksum" AND o."status" = 'SUCCEEDED' LIMIT 1)) END
      WHERE "id" = $1`,
    [
      importId,
      result.status,
      result.bytesRead ?? null,
      result.rowsRead ?? null,
      result.rowsAccepted ?? null,
      result.rowsRejected ?? null,
      result.rowsDuplicate ?? null,
      result.daysTouched ?? null,
      result.categoriesTouched ?? null,
      result.categoriesAdded ?? null,
      result.badLines ? JSON.stringify(result.badLines) : null,
      result.badLineCount ?? null,
      result.errorCode ?? null,
      result.error ?? null,
      result.duplicateOfId ?? null,
    ],
  );
  return result;
}
