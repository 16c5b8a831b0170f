/**
 * The explicit states every data view shows (Redwood "Cell" idea): loading, empty, error with a retry.
 * Pure components; the views decide which one applies.
 */
import type { ReactNode } from 'react';
import { describeError, errorCode } from '@/lib/errors';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const code = errorCode(error);
  const heading =
    title ??
    (code === 'API_UNREACHABLE' || code === 'NETWORK' ? 'The API is not reachable' : 'Something went wrong');
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{heading}</p>
      <p>{describeError(error)}</p>
      {code === 'API_UNREACHABLE' && (
        <p className="hint">
          Start it with <code>npm start</code> (or check GRAPHQL_API_URL).
        </p>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
