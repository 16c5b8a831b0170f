'use client';
/** The top candidates' forecasts over the last backtest fold against the actual values (nivo line). Props in. */
import { ResponsiveLine } from '@nivo/line';
import { DAILY_LINE_PROPS } from '@/components/daily-line-props';
import type { FoldSeries } from './leaderboard';

// Actual dark, then one colour per candidate.
const COLORS = ['#1d1f24', '#1f5fbf', '#d9730d', '#1b7a3d'];

export function FoldChart({ series, label }: { series: FoldSeries[]; label: string }) {
  return (
    <div className="chart" data-testid="fold-chart">
      <ResponsiveLine
        data={series}
        role="img"
        ariaLabel={label}
        margin={{ top: 16, right: 16, bottom: 64, left: 64 }}
        {...DAILY_LINE_PROPS}
        yScale={{ type: 'linear', min: 'auto', max: 'auto' }}
        axisBottom={{ format: '%b %d', tickValues: 7, tickRotation: -20 }}
        colors={COLORS}
        lineWidth={2}
        pointSize={5}
        enableSlices="x"
        animate={false}
        legends={[
          {
            anchor: 'bottom-left',
            direction: 'row',
            translateY: 60,
            itemWidth: 120,
            itemHeight: 16,
            symbolSize: 10,
          },
        ]}
      />
    </div>
  );
}
