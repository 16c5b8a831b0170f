'use client';
/**
 * The nivo charts, loaded after the page's first JavaScript (nivo and d3 are about a third of it): the
 * page renders and starts its queries at once, and the chart code arrives while the data does.
 * Browser only: nivo measures its container, so there is nothing to render on the server.
 */
import dynamic from 'next/dynamic';

const placeholder = () => <div className="chart chart-loading" aria-hidden="true" />;

export const SalesChart = dynamic(() => import('@/features/explorer/sales-chart').then((m) => m.SalesChart), {
  ssr: false,
  loading: placeholder,
});

export const ForecastChart = dynamic(
  () => import('@/features/predict/forecast-chart').then((m) => m.ForecastChart),
  {
    ssr: false,
    loading: placeholder,
  },
);

export const LossCurve = dynamic(() => import('@/features/runs/loss-curve').then((m) => m.LossCurve), {
  ssr: false,
  loading: placeholder,
});

export const FoldChart = dynamic(() => import('@/features/models/fold-chart').then((m) => m.FoldChart), {
  ssr: false,
  loading: placeholder,
});
