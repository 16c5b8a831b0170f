/**
 * An AUTO run's candidates as they stream (run card, run page): each family fitting, then its backtest
 * MAE, MASE, interval coverage and fit time, the best so far marked. Props in.
 */
import { formatNumber } from '@/lib/format';
import { FAMILY_LABELS } from '../models/leaderboard';
import { leadingCandidate, type CandidateProgress } from './candidates';

export function CandidateList({ candidates }: { candidates: readonly CandidateProgress[] }) {
  if (!candidates.length) return null;
  const lead = leadingCandidate(candidates);
  return (
    <ul className="candidates" data-testid="candidates" aria-label="Candidates">
      {candidates.map((c) => (
        <li key={c.family} data-testid="candidate" data-family={c.family} data-state={c.state}>
          <strong>{FAMILY_LABELS[c.family]}</strong>
          {c.state === 'fitting' ? (
            ' · fitting…'
          ) : c.state === 'failed' ? (
            <span className="tone-error"> · failed: {c.error ?? 'no reason given'}</span>
          ) : (
            <>
              {` · MASE ${formatNumber(c.backtestMase)} · MAE ${formatNumber(c.backtestMae)}`}
              {c.backtestCoverage != null && ` · coverage ${Math.round(c.backtestCoverage * 100)} %`}
              {c.fitSeconds != null && ` · ${c.fitSeconds.toFixed(1)} s`}
              {c.fallback && (
                <span className="tone-warn" title={c.fallback}>
                  {' '}
                  · fell back
                </span>
              )}
              {c === lead && <span className="badge badge-RUNNING candidate-lead">best so far</span>}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
