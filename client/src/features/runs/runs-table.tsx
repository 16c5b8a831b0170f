/** The runs history table: status, category, created, MAE vs the baselines, MASE and the verdict. Props in. */
import Link from 'next/link';
import { formatDateTime } from '@/lib/dates';
import { formatNumber } from '@/lib/format';
import { VerdictText } from './metrics-table';
import { RunStatusBadge } from './run-status-badge';
import type { RunSummaryFragment } from './runs.generated';

export function RunsTable({ runs }: { runs: readonly RunSummaryFragment[] }) {
  return (
    <div className="table-wrap">
      <table data-testid="runs-table" className="stack">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Category</th>
            <th scope="col">Created</th>
            <th scope="col" className="num">
              MAE
            </th>
            <th scope="col" className="num">
              Seasonal naive MAE
            </th>
            <th scope="col" className="num">
              Naive MAE
            </th>
            <th scope="col" className="num">
              MASE
            </th>
            <th scope="col">Verdict</th>
            <th scope="col">Run</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row" data-run-id={run.id}>
              <td data-label="Status">
                <RunStatusBadge status={run.status} />
              </td>
              <td data-label="Category">{run.category}</td>
              <td data-label="Created">{formatDateTime(run.createdAt)}</td>
              <td data-label="MAE" className="num">
                {formatNumber(run.metrics?.mae)}
              </td>
              <td data-label="Seasonal naive MAE" className="num">
                {formatNumber(run.metrics?.seasonalNaiveMae)}
              </td>
              <td data-label="Naive MAE" className="num">
                {formatNumber(run.metrics?.naiveMae)}
              </td>
              <td data-label="MASE" className="num">
                {formatNumber(run.metrics?.mase)}
              </td>
              <td data-label="Verdict">
                {run.metrics ? (
                  <VerdictText metrics={run.metrics} />
                ) : run.status === 'FAILED' ? (
                  <span title={run.error ?? undefined}>{(run.error ?? 'failed').slice(0, 40)}</span>
                ) : (
                  '—'
                )}
              </td>
              <td data-label="Run">
                <Link href={`/runs/${run.id}`} aria-label={`Run ${run.id.slice(0, 8)} of ${run.category}`}>
                  {run.id.slice(0, 8)}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
