/**
 * Reading a run's validation metrics against its baselines: the verdict shown in the runs table and on a
 * run's page. The model beats the baselines when its MAE is lower than both the naive and the seasonal-naive
 * MAE (MASE < 1 is the seasonal-naive half of that). Pure: unit-tested.
 */
import type { RunMetricsFieldsFragment } from './runs.generated';

export type Verdict = 'beats-both' | 'beats-naive-only' | 'beats-seasonal-only' | 'loses';

export function baselineVerdict(m: RunMetricsFieldsFragment): Verdict {
  const naive = m.mae < m.naiveMae;
  const seasonal = m.mae < m.seasonalNaiveMae;
  return naive && seasonal
    ? 'beats-both'
    : naive
      ? 'beats-naive-only'
      : seasonal
        ? 'beats-seasonal-only'
        : 'loses';
}

export const VERDICT_TEXT: Record<Verdict, string> = {
  'beats-both': 'Beats both baselines',
  'beats-naive-only': 'Loses to seasonal naive',
  'beats-seasonal-only': 'Loses to naive',
  loses: 'Loses to both baselines',
};

/** Rows of the metrics-vs-baselines table: metric, model, naive, seasonal naive. */
export function metricRows(m: RunMetricsFieldsFragment) {
  return [
    { metric: 'MAE', model: m.mae, naive: m.naiveMae, seasonalNaive: m.seasonalNaiveMae },
    { metric: 'RMSE', model: m.rmse, naive: m.naiveRmse, seasonalNaive: m.seasonalNaiveRmse },
  ];
}
