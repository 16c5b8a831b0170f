/**
 * Parses what the user typed into the predict form: the window's cells (one number each; a pasted list
 * fills several) and the horizon. Returns per-field messages instead of throwing, so each input shows its
 * own error. Pure: unit-tested.
 */

export const MAX_HORIZON = 365;

export interface ParsedWindow {
  /** The numbers, when every cell is valid. */
  values: number[] | null;
  /** One message per cell (null when the cell is fine). */
  errors: (string | null)[];
}

// "1234", "-3.5", "1e3", "1,234.50" (thousands separators), with spaces around.
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** One cell → a finite number, or the reason it is not one. */
export function parseCell(text: string): { value: number } | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { error: 'Enter a number.' };
  const normalized = THOUSANDS.test(trimmed) ? trimmed.replace(/,/g, '') : trimmed;
  const value = Number(normalized);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(normalized) || !Number.isFinite(value))
    return { error: `“${trimmed}” is not a number.` };
  return { value };
}

export function parseWindowValues(cells: readonly string[]): ParsedWindow {
  const parsed = cells.map(parseCell);
  const errors = parsed.map((p) => ('error' in p ? p.error : null));
  const values = parsed.every((p) => 'value' in p) ? parsed.map((p) => (p as { value: number }).value) : null;
  return { values, errors };
}

/** Whole number of days ahead, 1–365. */
export function parseHorizon(text: string): { value: number } | { error: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { error: `Enter a whole number of days from 1 to ${MAX_HORIZON}.` };
  const value = Number(trimmed);
  if (value < 1 || value > MAX_HORIZON)
    return { error: `Enter a whole number of days from 1 to ${MAX_HORIZON}.` };
  return { value };
}

/**
 * A paste of several numbers (from a spreadsheet column or a CSV line) into cell `at`: the cells from `at`
 * on get the numbers, in order; a single value returns null (let the input handle it).
 */
export function spreadPaste(cells: readonly string[], at: number, text: string): string[] | null {
  const parts = text
    .split(/[\s;\t]+|,(?!\d{3}(?:\D|$))/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return null;
  const next = [...cells];
  parts.slice(0, cells.length - at).forEach((part, i) => (next[at + i] = part));
  return next;
}
