import { describe, expect, it } from '@jest/globals';
import { isConnectionError } from './db-errors.js';

describe('isConnectionError', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'a server shutdown (SQLSTATE 57P01)',
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
    ],
    ['a Prisma P1001', Object.assign(new Error("Can't reach database server"), { code: 'P1001' })],
    [
      'a wrapped cause',
      new Error('query failed', { cause: new Error('Connection terminated unexpectedly') }),
    ],
  ])('should take %s as a lost connection', (_name, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('Unique constraint failed'), { code: 'P2002' })],
    [
      'a NUL byte',
      Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }),
    ],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'boom'],
  ])('should not take %s as a lost connection', (_name, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});
