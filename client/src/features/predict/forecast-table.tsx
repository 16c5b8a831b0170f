/** The forecast as numbers: one row per day ahead with its interval. */
import { formatNumber } from '@/lib/format';
import type { ForecastRow } from './forecast-data';

export function ForecastTable({ rows, coverage }: { rows: readonly ForecastRow[]; coverage: number }) {
  return (
    <div className="table-wrap">
      <table data-testid="forecast-table">
        <caption className="hint">
          Forecast with its {Math.round(coverage * 100)}% prediction interval
        </caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Date</th>
            <th scope="col" className="num">
              Forecast
            </th>
            <th scope="col" className="num">
              Lower
            </th>
            <th scope="col" className="num">
              Upper
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.step}>
              <td>+{r.step}</td>
              <td>{r.date}</td>
              <td className="num" data-testid="forecast-value">
                {formatNumber(r.value)}
              </td>
              <td className="num">{formatNumber(r.lower)}</td>
              <td className="num">{formatNumber(r.upper)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
