/**
 * The one error type of the data pipeline (reading the CSV, building series, preparing windows).
 * Callers map it to their surface: the GraphQL layer to BAD_USER_INPUT / NOT_FOUND, the CLI to one
 * line on stderr. The message alone tells the user what is wrong and how to fix it.
 */

/** What went wrong, for callers that branch on it (for example to pick a GraphQL error code). */
export type DataErrorCode =
  | 'CSV_NOT_FOUND'
  | 'CSV_UNREADABLE'
  | 'CSV_MISSING_COLUMNS'
  | 'CSV_NO_VALID_ROWS'
  | 'CATEGORY_NOT_FOUND'
  | 'NOT_ENOUGH_DAYS';

/**
 * A data problem the user can fix (wrong path, wrong columns, too little data).
 * The message is one line, e.g. `category "Toys" has no rows in data/x.csv (available: Beauty, Clothing)`;
 * `details` carries the same facts as values (paths, counts, names) for logs and API extensions.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  readonly code: DataErrorCode;
  readonly details?: Record<string, unknown>;

  /**
   * @param code - machine-readable kind of problem
   * @param message - one line: what is wrong and how to fix it
   * @param details - the facts behind the message (optional)
   */
  constructor(code: DataErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}
