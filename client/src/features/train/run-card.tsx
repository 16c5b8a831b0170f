'use client';
/**
 * One run on the train page: status badge, epoch x/total (announced politely to screen readers), the loss
 * curves growing live, cancel while it can be cancelled, and the metrics verdict once it succeeded.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { useEffect } from 'react';
import { ErrorState } from '@/components/states';
import { formatLoss } from '@/lib/format';
import { LossCurve } from '@/components/lazy-charts';
import { CandidateList } from '../runs/candidate-list';
import { VerdictText } from '../runs/metrics-table';
import { RunStatusBadge } from '../runs/run-status-badge';
import { useCan } from '@/lib/auth/viewer-context';
import { CancelRunDocument, GetRunDocument } from '../runs/runs.generated';
import { isTerminal, useRunProgress } from '../runs/use-run-progress';

export function RunCard({ runId, onDismiss }: { runId: string; onDismiss?: () => void }) {
  const run = useQuery(GetRunDocument, { variables: { id: runId } });
  const progress = useRunProgress(runId);
  const [cancel, cancelled] = useMutation(CancelRunDocument);
  const canCancel = useCan('train');
  const info = run.data?.run;
  const status = progress.status ?? info?.status ?? null;
  const total = progress.totalEpochs ?? info?.totalEpochs ?? null;
  const last = progress.epochs.at(-1);
  const finished = isTerminal(status);
  const { refetch } = run;
  // The run's metrics and model version exist once it finished: fetch them then.
  useEffect(() => {
    if (finished) void refetch();
  }, [finished, refetch]);

  if (run.data && !info) {
    return (
      <article className="panel">
        <p>Run {runId} does not exist (any more).</p>
        {onDismiss && (
          <button type="button" className="secondary" onClick={onDismiss}>
            Remove
          </button>
        )}
      </article>
    );
  }
  const title = info ? info.category : 'Run';
  return (
    <article
      className="panel"
      data-testid="run-card"
      data-run-id={runId}
      aria-labelledby={`run-${runId}-title`}
    >
      <div className="card-head">
        <h3 id={`run-${runId}-title`}>{title}</h3>
        <RunStatusBadge status={status} />
      </div>
      <p aria-live="polite" aria-atomic="true" data-testid="run-progress-text">
        {status === 'QUEUED' ? 'Waiting for a free trainer…' : `Epoch ${last?.epoch ?? 0} / ${total ?? '?'}`}
        {last && ` · train ${formatLoss(last.trainLoss)} · val ${formatLoss(last.valLoss)}`}
        {finished && ` · ${status?.toLowerCase()}`}
      </p>
      <LossCurve runId={runId} epochs={progress.epochs} totalEpochs={total} small />
      <CandidateList candidates={progress.candidates} />
      {status === 'FAILED' && (
        <p className="field-error" role="alert">
          Training failed: {progress.error ?? info?.error ?? 'no reason given'}
        </p>
      )}
      {progress.connectionError && (
        <ErrorState
          error={progress.connectionError}
          title="Live updates interrupted"
          onRetry={progress.restart}
        />
      )}
      {cancelled.error && <ErrorState error={cancelled.error} title="Could not cancel" />}
      {info?.metrics && status === 'SUCCEEDED' && (
        <p>
          <VerdictText metrics={info.metrics} />
        </p>
      )}
      <div className="controls" style={{ marginBottom: 0 }}>
        {!finished && canCancel && (
          <button
            type="button"
            className="danger"
            disabled={cancelled.loading}
            onClick={() => void cancel({ variables: { id: runId } }).catch(() => undefined)}
          >
            {cancelled.loading ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
        <Link href={`/runs/${runId}`}>Run details</Link>
        {finished && info && (
          <Link href={`/models?category=${encodeURIComponent(info.category)}`}>
            Models of {info.category}
          </Link>
        )}
        {finished && onDismiss && (
          <button type="button" className="secondary" onClick={onDismiss}>
            Remove
          </button>
        )}
      </div>
    </article>
  );
}
