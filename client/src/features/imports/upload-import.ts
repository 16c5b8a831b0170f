/**
 * Sends a CSV to `importSales` as a GraphQL multipart request (operations + map + file) through the web
 * app's streamed `/api/import` route, with upload progress. XMLHttpRequest, not fetch or Apollo Client:
 * only XHR reports how many bytes of a request body went out. Called by import-view.tsx.
 */
import { print } from 'graphql';
import { ImportSalesDocument, type ImportFieldsFragment } from './imports.generated';

export interface UploadImportOptions {
  file: File;
  skipBadRows: boolean;
  /** Bytes sent so far and the total, as the browser reports them. */
  onProgress?: (sent: number, total: number) => void;
  /** @default "/api/import" */
  url?: string;
}

/** A failed upload: the server's message and code, or why nothing came back. */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

interface GraphQLAnswer {
  data?: { importSales?: ImportFieldsFragment } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * The import the server queued, from the HTTP status and body of its answer.
 * @throws UploadError with the first GraphQL error's message and code, or a plain description of the status.
 */
export function parseImportAnswer(status: number, body: string): ImportFieldsFragment {
  let answer: GraphQLAnswer | null = null;
  try {
    answer = JSON.parse(body) as GraphQLAnswer;
  } catch {
    // Not JSON (a proxy's HTML error page): described by its status below.
  }
  const first = answer?.errors?.[0];
  if (first) throw new UploadError(first.message, first.extensions?.code);
  const queued = answer?.data?.importSales;
  if (queued) return queued;
  if (status === 413) throw new UploadError('The file is larger than the web app accepts.', 'BAD_USER_INPUT');
  throw new UploadError(`The server answered ${status} without an import.`, status ? undefined : 'NETWORK');
}

/** Uploads the file; resolves with the QUEUED import (follow it with the importProgress subscription). */
export function uploadImport(options: UploadImportOptions): Promise<ImportFieldsFragment> {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query: print(ImportSalesDocument),
      variables: { file: null, skipBadRows: options.skipBadRows },
    }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', options.file, options.file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.url ?? '/api/import');
    // graphql-upload requests are "simple" requests; Apollo Server's CSRF guard wants this header on them.
    xhr.setRequestHeader('apollo-require-preflight', 'true');
    xhr.upload.onprogress = (e) =>
      options.onProgress?.(e.loaded, e.lengthComputable ? e.total : options.file.size);
    xhr.onload = () => {
      try {
        resolve(parseImportAnswer(xhr.status, xhr.responseText));
      } catch (error) {
        reject(error as Error);
      }
    };
    xhr.onerror = () => reject(new UploadError('The web server cannot be reached.', 'NETWORK'));
    xhr.send(form);
  });
}
