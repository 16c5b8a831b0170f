/**
 * CsvQuoteGuard: RFC 4180 quoting passes, what Postgres and csv-parse would read differently does not,
 * and the verdict does not depend on where the file is cut into chunks.
 */
import { describe, expect, it } from '@jest/globals';
import { CsvQuoteGuard } from './csv-quote-guard.js';

function verdict(chunks: string[]): string | undefined {
  const guard = new CsvQuoteGuard();
  for (const chunk of chunks) if (!guard.scan(Buffer.from(chunk))) break;
  guard.end();
  return guard.unsafe;
}

const SAFE = [
  'a,b,c\n1,2,3\n',
  'a,b\r\n"x, y","say ""hi"""\r\n',
  'a,b\n"two\nlines",2\n',
  'a,b\n"",\\path\n', // a backslash inside a field is plain text in CSV
  'a,b\n1,2', // no final newline
];
const UNSAFE: [string, RegExp][] = [
  ['a,b\nKi"te,2\n', /quote inside an unquoted field/],
  ['a,b\n"x"y,2\n', /text after a closing quote/],
  ['a,b\n "x",2\n', /quote inside an unquoted field/],
  ['a,b\n1,2\n\\.\n3,4\n', /starts with a backslash/],
  ['a,b\n"open,2\n', /ends inside a quoted field/],
];

describe('CsvQuoteGuard', () => {
  it.each(SAFE)('should pass %j', (text) => {
    expect(verdict([text])).toBeUndefined();
  });

  it.each(UNSAFE)('should refuse %j', (text, reason) => {
    expect(verdict([text])).toMatch(reason);
  });

  it('should give the same verdict wherever the file is cut', () => {
    for (const [text, expected] of [...SAFE.map((t) => [t, undefined] as const), ...UNSAFE]) {
      for (let cut = 0; cut <= text.length; cut++) {
        const got = verdict([text.slice(0, cut), text.slice(cut)]);
        if (expected === undefined) expect(got).toBeUndefined();
        else expect(got).toMatch(expected);
      }
    }
  });
});
