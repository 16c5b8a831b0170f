/**
 * The one set of rules a sale must pass, wherever it comes from: a CSV line (readSalesCsv, the import),
 * a `recordSales` row. Each problem is coded and names its field, so the API can report "row 3, date:
 * INVALID_DATE" and the CLI "line 4: invalid date". Pure: no I/O.
 */

/** A problem with one field of a sale. */
export type SaleProblemCode =
  | 'INVALID_DATE'
  | 'DATE_OUT_OF_RANGE'
  | 'EMPTY_CATEGORY'
  | 'CATEGORY_TOO_LONG'
  | 'CATEGORY_NOT_ALLOWED'
  | 'INVALID_AMOUNT'
  | 'AMOUNT_OUT_OF_RANGE'
  | 'INVALID_TRANSACTION_ID';

export interface SaleProblem {
  field: 'date' | 'category' | 'amount' | 'transactionId';
  code: SaleProblemCode;
  message: string;
}

/** A sale that passed: `date` is `YYYY-MM-DD`, `amount` finite (negative for returns). */
export interface CheckedSale {
  date: string;
  category: string;
  amount: number;
  /** The amount as written, when it came as text (kept exact for storage). */
  amountText?: string;
  transactionId?: string;
}

/** Limits of a sale (also the storage's: amounts are NUMERIC(20,4)). */
export const SALE_LIMITS = {
  minDate: '1900-01-01',
  maxDate: '2199-12-31',
  maxAbsAmount: 1e12,
  maxCategoryLength: 100,
  maxTransactionIdLength: 100,
} as const;

const DATE_PATTERN =
  /^(\d{4})-(\d\d)-(\d\d)(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?$/;
/** Plain decimals (`12`, `-3.5`, `1e3`); "NaN", "Infinity", "0x10", "1,000" and "" are not amounts. */
const AMOUNT_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads the calendar date of a `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or ISO timestamp value. The date is
 * taken as written (a `+02:00` offset is not converted): it is the shop's own business day.
 * @returns `YYYY-MM-DD`, or null when the text is not a real calendar date (e.g. 2023-02-30)
 */
export function parseSaleDate(text: string): string | null {
  const [, year = '', month = '', day = ''] = DATE_PATTERN.exec(text) ?? [];
  const date = `${year}-${month}-${day}`;
  // Date.UTC rolls 2023-02-30 over to March: only a real calendar day survives the round trip.
  const isRealDay = year !== '' && new Date(Date.UTC(+year, +month - 1, +day)).toISOString().startsWith(date);
  return isRealDay ? date : null;
}

/** The raw fields of a sale: text from a CSV, or typed values from the API. */
export interface SaleFields {
  date: string;
  category: string;
  amount: string | number;
  transactionId?: string | null;
}

export interface CheckSaleOptions {
  /** Only these categories are accepted (config `data.categories`). */
  allowList?: ReadonlySet<string>;
}

function checkAmount(amount: string | number): { value: number } | SaleProblem {
  const text = typeof amount === 'string' ? amount : undefined;
  const value = text === undefined ? (amount as number) : AMOUNT_PATTERN.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) {
    const shown = text ?? String(amount);
    return { field: 'amount', code: 'INVALID_AMOUNT', message: `amount "${shown}" is not a number` };
  }
  if (Math.abs(value) > SALE_LIMITS.maxAbsAmount) {
    const message = `amount ${value} is beyond ±${SALE_LIMITS.maxAbsAmount}`;
    return { field: 'amount', code: 'AMOUNT_OUT_OF_RANGE', message };
  }
  return { value };
}

function checkCategory(category: string, options: CheckSaleOptions): SaleProblem | undefined {
  if (category === '') return { field: 'category', code: 'EMPTY_CATEGORY', message: 'empty category' };
  if (category.length > SALE_LIMITS.maxCategoryLength) {
    const message = `category is longer than ${SALE_LIMITS.maxCategoryLength} characters`;
    return { field: 'category', code: 'CATEGORY_TOO_LONG', message };
  }
  if (options.allowList && !options.allowList.has(category)) {
    const message = `category "${category}" is not in data.categories (the allow-list)`;
    return { field: 'category', code: 'CATEGORY_NOT_ALLOWED', message };
  }
  return undefined;
}

// A file has few distinct dates (one per day) but millions of rows: parse each text once. Bounded, so a
// file of all-different timestamps cannot grow it without limit.
const dateCache = new Map<string, string | null>();
const DATE_CACHE_SIZE = 10_000;

function cachedSaleDate(text: string): string | null {
  let date = dateCache.get(text);
  if (date === undefined) {
    if (dateCache.size >= DATE_CACHE_SIZE) dateCache.clear();
    date = parseSaleDate(text);
    dateCache.set(text, date);
  }
  return date;
}

function checkDate(text: string): { date: string } | SaleProblem {
  const date = cachedSaleDate(text);
  if (date === null)
    return { field: 'date', code: 'INVALID_DATE', message: `invalid date "${text}" (expected YYYY-MM-DD)` };
  if (date < SALE_LIMITS.minDate || date > SALE_LIMITS.maxDate) {
    const message = `date ${date} is outside ${SALE_LIMITS.minDate}..${SALE_LIMITS.maxDate}`;
    return { field: 'date', code: 'DATE_OUT_OF_RANGE', message };
  }
  return { date };
}

/**
 * Checks one sale. Categories and transaction ids are trimmed; an empty transaction id means none.
 * @returns the sale, or every problem found (one per field at most)
 */
export function checkSale(fields: SaleFields, options: CheckSaleOptions = {}): CheckedSale | SaleProblem[] {
  const problems: SaleProblem[] = [];
  const date = checkDate(fields.date);
  if ('code' in date) problems.push(date);
  const category = fields.category.trim();
  const categoryProblem = checkCategory(category, options);
  if (categoryProblem) problems.push(categoryProblem);
  const amount = checkAmount(fields.amount);
  if ('code' in amount) problems.push(amount);
  const transactionId = fields.transactionId?.trim() || undefined;
  if (transactionId && transactionId.length > SALE_LIMITS.maxTransactionIdLength) {
    const message = `transactionId is longer than ${SALE_LIMITS.maxTransactionIdLength} characters`;
    problems.push({ field: 'transactionId', code: 'INVALID_TRANSACTION_ID', message });
  }
  if (problems.length || 'code' in date || 'code' in amount) return problems;
  const sale: CheckedSale = { date: date.date, category, amount: amount.value, transactionId };
  if (typeof fields.amount === 'string') sale.amountText = fields.amount;
  return sale;
}
