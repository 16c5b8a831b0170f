/**
 * What an import did, in words for the Import page: a headline per status and the figures worth showing.
 * Pure, so the wording is tested without a browser (import-summary.test.ts).
 */
import type { ImportFieldsFragment } from './imports.generated';

export type ImportTone = 'ok' | 'warn' | 'error' | 'busy';

export interface ImportSummary {
  tone: ImportTone;
  headline: string;
  /** Label → value, in display order. */
  figures: [label: string, value: string][];
}

const n = new Intl.NumberFormat('en-US');
const plural = (count: number, one: string, many = `${one}s`) =>
  `${n.format(count)} ${count === 1 ? one : many}`;

/** Whether an import will change no more (the subscription ends there). */
export const isFinishedImport = (status: ImportFieldsFragment['status']) =>
  status !== 'QUEUED' && status !== 'RUNNING';

/** The headline and figures for an import in any state. */
export function summarizeImport(imp: ImportFieldsFragment): ImportSummary {
  const figures: ImportSummary['figures'] = [
    ['Rows read', n.format(imp.rows)],
    ['Rows accepted', n.format(imp.rowsAccepted)],
    ['Rows rejected', n.format(imp.rowsRejected)],
    ['Duplicates', n.format(imp.duplicates)],
    ['Days changed', n.format(imp.days)],
    ['Categories touched', n.format(imp.categoriesTouched)],
    ['Categories added', n.format(imp.categoriesAdded)],
  ];
  const bad = imp.badLineCount;
  switch (imp.status) {
    case 'QUEUED':
      return { tone: 'busy', headline: 'Waiting for the importer…', figures };
    case 'RUNNING':
      return { tone: 'busy', headline: `Reading ${imp.fileName}…`, figures };
    case 'SUCCEEDED':
      return {
        tone: bad ? 'warn' : 'ok',
        headline: bad
          ? `Imported ${plural(imp.rowsAccepted, 'row')}; ${plural(bad, 'bad line')} skipped.`
          : `Imported ${plural(imp.rowsAccepted, 'row')} into ${plural(imp.categoriesTouched, 'category', 'categories')}.`,
        figures,
      };
    case 'REJECTED':
      return {
        tone: 'error',
        headline: `Nothing imported: ${plural(bad, 'bad line')}. Fix ${bad === 1 ? 'it' : 'them'}, or import the good rows and report the rest.`,
        figures,
      };
    case 'DUPLICATE':
      return {
        tone: 'warn',
        headline: 'This file was imported before: nothing changed.',
        figures,
      };
    default:
      return {
        tone: 'error',
        headline: `Import failed: ${imp.error ?? imp.errorCode ?? 'no reason given'}`,
        figures,
      };
  }
}

/** The progress bar's value (0–1) and text: upload bytes first, then the server's reading of the file. */
export function importProgressText(imp: Pick<ImportFieldsFragment, 'progress' | 'rows'>): string {
  return `${Math.round(imp.progress * 100)} % read · ${n.format(imp.rows)} rows`;
}
