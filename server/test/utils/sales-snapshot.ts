/**
 * Test helper: a fingerprint of everything the sales tables hold (rows, sums, transaction ids, category
 * statistics), to assert that a rejected write or a killed import changed nothing, and that a repeated
 * write gave the same totals.
 */
import type { PrismaClient } from '../../src/generated/prisma/client.js';

export interface SalesSnapshot {
  days: number;
  total: string;
  transactions: number;
  categories: string;
}

export async function salesSnapshot(prisma: PrismaClient): Promise<SalesSnapshot> {
  const [row] = await prisma.$queryRaw<SalesSnapshot[]>`
    SELECT (SELECT count(*)::int FROM "SalesDay") AS days,
           (SELECT coalesce(sum("amount"), 0)::text FROM "SalesDay") AS total,
           (SELECT count(*)::int FROM "SaleTransaction") AS transactions,
           (SELECT coalesce(string_agg("name" || ':' || coalesce("firstDay"::text, '-') || ':' ||
                    coalesce("lastDay"::text, '-') || ':' || "total"::text, ',' ORDER BY "name"), '')
              FROM "SalesCategory") AS categories`;
  return row!;
}

/** The stored total of one category on one day (0 when there is none). */
export async function dayTotal(prisma: PrismaClient, category: string, day: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ amount: number | null }[]>`
    SELECT (SELECT "amount"::float8 FROM "SalesDay" WHERE "category" = ${category} AND "day" = ${day}::date) AS amount`;
  return row?.amount ?? 0;
}
