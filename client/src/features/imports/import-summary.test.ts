import { describe, expect, it } from 'vitest';
import type { ImportFieldsFragment } from './imports.generated';
import { importProgressText, isFinishedImport, summarizeImport } from './import-summary';

const base: ImportFieldsFragment = {
  id: 'i1',
  status: 'SUCCEEDED',
  fileName: 'a.csv',
  skipBadRows: false,
  bytes: 100,
  bytesRead: 100,
  progress: 1,
  rows: 30,
  rowsAccepted: 30,
  rowsRejected: 0,
  duplicates: 0,
  days: 30,
  categoriesTouched: 1,
  categoriesAdded: 1,
  badLines: [],
  badLineCount: 0,
  errorCode: null,
  error: null,
  duplicateOf: null,
  requestedBy: 'api',
  createdAt: '2026-11-30T20:00:00.000Z',
  finishedAt: '2026-11-30T20:00:01.000Z',
};
const figure = (imp: ImportFieldsFragment, label: string) =>
  summarizeImport(imp).figures.find(([l]) => l === label)?.[1];

describe('summarizeImport', () => {
  it('should say how many rows went into how many categories when an import succeeded cleanly', () => {
    expect(summarizeImport(base)).toMatchObject({
      tone: 'ok',
      headline: 'Imported 30 rows into 1 category.',
    });
    expect(summarizeImport({ ...base, rowsAccepted: 1, categoriesTouched: 3 }).headline).toBe(
      'Imported 1 row into 3 categories.',
    );
  });
  it('should warn about skipped lines when bad rows were skipped', () => {
    const s = summarizeImport({
      ...base,
      rowsAccepted: 9,
      rowsRejected: 1,
      badLineCount: 1,
      skipBadRows: true,
    });
    expect(s).toMatchObject({ tone: 'warn', headline: 'Imported 9 rows; 1 bad line skipped.' });
  });
  it('should say nothing was imported and offer the option when the file was rejected', () => {
    const s = summarizeImport({ ...base, status: 'REJECTED', rowsAccepted: 0, badLineCount: 2 });
    expect(s.tone).toBe('error');
    expect(s.headline).toBe(
      'Nothing imported: 2 bad lines. Fix them, or import the good rows and report the rest.',
    );
  });
  it("should give the server's reason when the import failed", () => {
    expect(summarizeImport({ ...base, status: 'FAILED', error: 'missing column Date' }).headline).toBe(
      'Import failed: missing column Date',
    );
    expect(summarizeImport({ ...base, status: 'FAILED', errorCode: 'INTERRUPTED' }).headline).toBe(
      'Import failed: INTERRUPTED',
    );
  });
  it('should recognise a file imported before', () => {
    expect(summarizeImport({ ...base, status: 'DUPLICATE' }).headline).toMatch(/imported before/);
  });
  it('should format the figures with thousands separators', () => {
    expect(figure({ ...base, rows: 1234567 }, 'Rows read')).toBe('1,234,567');
    expect(figure(base, 'Categories added')).toBe('1');
  });
});

describe('isFinishedImport', () => {
  it('should treat only QUEUED and RUNNING as unfinished', () => {
    expect(isFinishedImport('QUEUED')).toBe(false);
    expect(isFinishedImport('RUNNING')).toBe(false);
    for (const s of ['SUCCEEDED', 'REJECTED', 'FAILED', 'DUPLICATE'] as const)
      expect(isFinishedImport(s)).toBe(true);
  });
});

describe('importProgressText', () => {
  it('should show the share read and the rows so far', () => {
    expect(importProgressText({ progress: 0.456, rows: 12000 })).toBe('46 % read · 12,000 rows');
  });
});
