/**
 * Calendar days in and out of `DATE` columns through Prisma, which carries them as JS Dates at UTC
 * midnight: one conversion each way, so no time zone can shift a day. Used by the sales store and model versions.
 */

/** The Date Prisma writes to a `DATE` column for `YYYY-MM-DD`. */
export function toDbDay(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** `YYYY-MM-DD` of a Date read from a `DATE` column. */
export function fromDbDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}
