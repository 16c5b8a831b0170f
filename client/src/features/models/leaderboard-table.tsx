/**
 * A category's leaderboard: one row per model version, best backtest first, the champion and the active
 * version marked (text, not colour alone), with Activate / Roll back for those who may train. Props in.
 */
import Link from 'next/link';
import { formatDateTime } from '@/lib/dates';
import { formatNumber } from '@/lib/format';
import { activateLabel, FAMILY_LABELS } from './leaderboard';
import type { ModelVersionFieldsFragment } from './models.generated';

const percent = (value: number | null | undefined) => (value == null ? '—' : `${(value * 100).toFixed(0)} %`);

export function LeaderboardTable({
  versions,
  canActivate,
  activating,
  onActivate,
}: {
  /** Already ranked (rankVersions). */
  versions: readonly ModelVersionFieldsFragment[];
  canActivate: boolean;
  /** The version being activated now, if any. */
  activating?: string | null;
  onActivate: (id: string) => void;
}) {
  const active = versions.find((v) => v.active);
  return (
    <div className="table-wrap">
      <table data-testid="leaderboard" className="stack">
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Family</th>
            <th scope="col" className="num">
              Backtest MAE
            </th>
            <th scope="col" className="num">
              MASE
            </th>
            <th scope="col" className="num">
              sMAPE
            </th>
            <th scope="col" className="num">
              Coverage
            </th>
            <th scope="col" className="num">
              Fit
            </th>
            <th scope="col">Marks</th>
            <th scope="col">Trained</th>
            {canActivate && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {versions.map((v, i) => (
            <tr
              key={v.id}
              data-testid="version-row"
              data-version-id={v.id}
              data-active={v.active || undefined}
              className={v.active ? 'row-active' : undefined}
            >
              <td data-label="#" className="num">
                {i + 1}
              </td>
              <td data-label="Family">{FAMILY_LABELS[v.family]}</td>
              <td data-label="Backtest MAE" className="num">
                {formatNumber(v.backtest?.mae)}
              </td>
              <td data-label="MASE" className="num">
                {formatNumber(v.backtest?.mase)}
              </td>
              <td data-label="sMAPE" className="num">
                {v.backtest?.smape == null ? '—' : `${v.backtest.smape.toFixed(1)} %`}
              </td>
              <td
                data-label="Coverage"
                className="num"
                title={v.backtest ? `nominal ${percent(v.backtest.nominalCoverage)}` : undefined}
              >
                {percent(v.backtest?.coverage)}
              </td>
              <td data-label="Fit" className="num">
                {v.fitSeconds == null ? '—' : `${v.fitSeconds.toFixed(1)} s`}
              </td>
              <td data-label="Marks">
                <span className="marks">
                  {v.active && <span className="badge badge-SUCCEEDED">Active</span>}
                  {v.champion && <span className="badge badge-RUNNING">Champion</span>}
                  {v.fallback && (
                    <span className="badge badge-CANCELLED" title={v.fallback}>
                      Fallback
                    </span>
                  )}
                  {!v.backtest && <span className="hint">no backtest</span>}
                </span>
              </td>
              <td data-label="Trained">
                <Link href={`/runs/${v.runId}`}>{formatDateTime(v.createdAt)}</Link>
              </td>
              {canActivate && (
                <td data-label="Action">
                  {!v.active && (
                    <button
                      type="button"
                      className="secondary"
                      disabled={Boolean(activating)}
                      aria-label={`${activateLabel(v, active)}: ${FAMILY_LABELS[v.family]} of ${formatDateTime(v.createdAt)}`}
                      onClick={() => onActivate(v.id)}
                    >
                      {activating === v.id ? 'Activating…' : activateLabel(v, active)}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
