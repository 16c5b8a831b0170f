/** The `Date` scalar: calendar days only, whether a value is new or was seen (and remembered) before. */
import { describe, expect, it } from '@jest/globals';
import { DateScalar } from './scalars.js';

describe('DateScalar', () => {
  it('should accept a calendar day every time, and refuse what is not one before and after days were seen', () => {
    for (let i = 0; i < 3; i++) {
      expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
      expect(DateScalar.serialize('2024-02-29')).toBe('2024-02-29');
      expect(() => DateScalar.parseValue('2023-02-29')).toThrow(/not a calendar day/);
      expect(() => DateScalar.parseValue('2024-02-29T00:00:00Z')).toThrow(/"YYYY-MM-DD" string/);
      expect(() => DateScalar.parseValue(20240229)).toThrow(/"YYYY-MM-DD" string/);
    }
  });

  it('should keep refusing non-days after more distinct days than it remembers', () => {
    const day = (i: number) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const days = Array.from({ length: 12_000 }, (_, i) => day(i));
    expect(days.map((d) => DateScalar.parseValue(d))).toEqual(days);
    expect(() => DateScalar.parseValue('2023-13-01')).toThrow(/not a calendar day/);
    expect(DateScalar.parseValue(day(0))).toBe(day(0));
  });
});
