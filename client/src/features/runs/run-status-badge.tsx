/** A run's status as a coloured, text-labelled badge (never colour alone). */
import type { RunStatus } from '@/types.generated';

const LABELS: Record<RunStatus, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

export function RunStatusBadge({ status }: { status: RunStatus | null }) {
  if (!status) return <span className="badge">Connecting…</span>;
  return (
    <span className={`badge badge-${status}`} data-testid="run-status" data-status={status}>
      {LABELS[status]}
    </span>
  );
}
