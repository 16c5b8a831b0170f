import { describe, expect, it } from 'vitest';
import { parseImportAnswer, UploadError } from './upload-import';

describe('parseImportAnswer', () => {
  it('should return the queued import from a GraphQL answer', () => {
    const body = JSON.stringify({ data: { importSales: { id: 'i1', status: 'QUEUED' } } });
    expect(parseImportAnswer(200, body)).toMatchObject({ id: 'i1', status: 'QUEUED' });
  });
  it("should throw the first GraphQL error's message and code", () => {
    const body = JSON.stringify({
      data: null,
      errors: [{ message: 'you need the import scope', extensions: { code: 'FORBIDDEN' } }],
    });
    expect(() => parseImportAnswer(200, body)).toThrow(
      expect.objectContaining({
        name: 'UploadError',
        message: 'you need the import scope',
        code: 'FORBIDDEN',
      }),
    );
  });
  it('should describe a 413 without a GraphQL body as a file too large', () => {
    expect(() => parseImportAnswer(413, '<html>too large</html>')).toThrow(/larger than the web app accepts/);
  });
  it('should name the status when the answer is neither data nor errors', () => {
    const error = (() => {
      try {
        parseImportAnswer(502, 'Bad gateway');
      } catch (e) {
        return e as UploadError;
      }
    })();
    expect(error).toBeInstanceOf(UploadError);
    expect(error?.message).toBe('The server answered 502 without an import.');
  });
});
