/**
 * Test helper: sends a CSV to `importSales` the way third-party clients do, as a GraphQL multipart
 * request (operations + map + file), with the preflight header Apollo Server's CSRF prevention asks for.
 */
import type { TestServer } from './start-test-server.js';

export const IMPORT_MUTATION = `mutation ($file: Upload!, $source: String, $skip: Boolean, $wait: Boolean) {
  importSales(file: $file, source: $source, skipBadRows: $skip, wait: $wait) {
    id status rows rowsAccepted rowsRejected duplicates days categoriesTouched categoriesAdded
    badLineCount badLines { line code message } errorCode duplicateOf
  } }`;

export interface ImportResult {
  id: string;
  status: string;
  rows: number;
  rowsAccepted: number;
  rowsRejected: number;
  duplicates: number;
  days: number;
  categoriesAdded: number;
  badLineCount: number;
  badLines: { line: number; code: string; message: string }[];
  errorCode: string | null;
  duplicateOf: string | null;
}

export interface UploadResponse {
  status: number;
  data?: { importSales: ImportResult } | null;
  errors?: { message: string; extensions?: Record<string, unknown> & { code?: string } }[];
}

/** POSTs `content` as the file of `importSales`. */
export async function uploadCsv(
  server: Pick<TestServer, 'graphqlUrl'>,
  content: string | Blob,
  options: {
    source?: string;
    skipBadRows?: boolean;
    wait?: boolean;
    headers?: Record<string, string>;
    fileName?: string;
  } = {},
): Promise<UploadResponse> {
  const form = new FormData();
  const variables = {
    file: null,
    source: options.source,
    skip: options.skipBadRows ?? false,
    wait: options.wait ?? true,
  };
  form.append('operations', JSON.stringify({ query: IMPORT_MUTATION, variables }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append(
    '0',
    typeof content === 'string' ? new Blob([content], { type: 'text/csv' }) : content,
    options.fileName ?? 'sales.csv',
  );
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'apollo-require-preflight': 'true', ...options.headers },
    body: form,
  });
  return { status: response.status, ...((await response.json().catch(() => ({}))) as object) };
}
