import { describe, expect, it } from 'vitest';
import { parseCell, parseHorizon, parseWindowValues, spreadPaste } from './parse-window-values';

describe('parseCell', () => {
  it.each([
    ['12', 12],
    [' 3.5 ', 3.5],
    ['-2', -2],
    ['1e3', 1000],
    ['1,234.5', 1234.5],
    ['.5', 0.5],
  ])('should read %j as %d', (text, value) => {
    expect(parseCell(text)).toEqual({ value });
  });

  it.each(['', '   ', 'abc', '12abc', 'NaN', 'Infinity', '1,2', '0x10', '1e999'])(
    'should reject %j',
    (text) => {
      expect(parseCell(text)).toEqual({ error: expect.any(String) });
    },
  );
});

describe('parseWindowValues', () => {
  it('should return the numbers when every cell is valid', () => {
    expect(parseWindowValues(['1', '2', '3'])).toEqual({ values: [1, 2, 3], errors: [null, null, null] });
  });

  it('should return no values and an error on each bad cell only', () => {
    const parsed = parseWindowValues(['1', 'x', '']);
    expect(parsed.values).toBeNull();
    expect(parsed.errors.map(Boolean)).toEqual([false, true, true]);
  });
});

describe('parseHorizon', () => {
  it('should accept whole days from 1 to 365', () => {
    expect(parseHorizon('1')).toEqual({ value: 1 });
    expect(parseHorizon(' 365 ')).toEqual({ value: 365 });
  });

  it.each(['0', '366', '-1', '2.5', '', 'seven'])('should reject %j', (text) => {
    expect(parseHorizon(text)).toEqual({ error: expect.stringMatching(/1 to 365/) });
  });
});

describe('spreadPaste', () => {
  const cells = ['a', 'b', 'c', 'd'];

  it('should fill the cells from the pasted one on when a column is pasted', () => {
    expect(spreadPaste(cells, 1, '10\n20\n30\n40')).toEqual(['a', '10', '20', '30']);
  });

  it('should split a CSV line but keep thousands separators', () => {
    expect(spreadPaste(cells, 0, '1,234.5, 7,8')).toEqual(['1,234.5', '7', '8', 'd']);
  });

  it('should leave a single value to the input', () => {
    expect(spreadPaste(cells, 0, '42')).toBeNull();
  });
});
