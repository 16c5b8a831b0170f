/**
 * Follows one import over the `importProgress` subscription (its state now, then every step until it
 * finishes). Used by import-view.tsx; the subscription ends by itself at REJECTED/SUCCEEDED/….
 */
import { useSubscription } from '@apollo/client/react';
import { ImportProgressDocument, type ImportFieldsFragment } from './imports.generated';

/** The newest state of import `id` (null before the first event), and a connection error if any. */
export function useImportProgress(id: string | null): { imp: ImportFieldsFragment | null; error?: Error } {
  const sub = useSubscription(ImportProgressDocument, { variables: { id: id ?? '' }, skip: !id });
  return { imp: sub.data?.importProgress ?? null, error: sub.error };
}
