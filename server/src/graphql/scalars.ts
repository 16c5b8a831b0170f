/**
 * The contract's custom scalars: `Date` ("YYYY-MM-DD", a calendar day, carried as a string), `DateTime`
 * (ISO 8601, carried as a JS Date) and `JSON`. Registered in `build-schema.ts`.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeISOResolver, JSONResolver } from 'graphql-scalars';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// A recordSales call carries up to 10,000 rows on a few distinct days, and a series 365 days: each day is
// checked once (building a Date per value was ~5 % of a recordSales call's CPU). Bounded.
const knownDays = new Set<string>();
const KNOWN_DAYS_MAX = 10_000;

function parseDay(value: unknown): string {
  if (typeof value === 'string' && knownDays.has(value)) return value;
  if (typeof value !== 'string' || !DAY.test(value)) {
    throw new GraphQLError(`Date must be a "YYYY-MM-DD" string (got ${JSON.stringify(value)})`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`Date "${value}" is not a calendar day`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  if (knownDays.size >= KNOWN_DAYS_MAX) knownDays.clear();
  knownDays.add(value);
  return value;
}

/** A calendar day, "YYYY-MM-DD". */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar day, "YYYY-MM-DD".',
  serialize: (value) => parseDay(value),
  parseValue: (value) => parseDay(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a "YYYY-MM-DD" string');
    return parseDay(ast.value);
  },
});

/** An ISO 8601 timestamp (named `DateTime` as the contract says; graphql-scalars' DateTimeISO inside). */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeISOResolver.toConfig(),
  name: 'DateTime',
  description: 'An ISO 8601 date-time, e.g. "2026-11-26T23:28:42.000Z".',
});

/** Any JSON value (hyperparameters). */
export const JsonScalar = new GraphQLScalarType({ ...JSONResolver.toConfig(), name: 'JSON' });
