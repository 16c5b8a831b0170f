/** A run's validation metrics beside the naive and seasonal-naive baselines, with MASE and the verdict. */
import { formatNumber } from '@/lib/format';
import { baselineVerdict, metricRows, VERDICT_TEXT } from './metrics';
import type { RunMetricsFieldsFragment } from './runs.generated';

export function VerdictText({ metrics }: { metrics: RunMetricsFieldsFragment }) {
  const verdict = baselineVerdict(metrics);
  return (
    <span className={verdict === 'beats-both' ? 'verdict-yes' : 'verdict-no'}>{VERDICT_TEXT[verdict]}</span>
  );
}

export function MetricsTable({ metrics }: { metrics: RunMetricsFieldsFragment }) {
  return (
    <div className="table-wrap">
      <table data-testid="metrics-table">
        <caption className="hint">Validation error in sales units (lower is better)</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Model
            </th>
            <th scope="col" className="num">
              Naive
            </th>
            <th scope="col" className="num">
              Seasonal naive
            </th>
          </tr>
        </thead>
        <tbody>
          {metricRows(metrics).map((r) => (
            <tr key={r.metric}>
              <th scope="row">{r.metric}</th>
              <td className="num">{formatNumber(r.model)}</td>
              <td className="num">{formatNumber(r.naive)}</td>
              <td className="num">{formatNumber(r.seasonalNaive)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        MASE {formatNumber(metrics.mase)} (below 1 beats seasonal naive) · <VerdictText metrics={metrics} />
      </p>
    </div>
  );
}
