'use client';
/** Daily sales and their rolling average over time (nivo line, time x-axis). Props in, no fetching. */
import { ResponsiveLine } from '@nivo/line';
import { DAILY_LINE_PROPS } from '@/components/daily-line-props';
import type { ChartSeries } from './chart-data';

// Average (drawn on top) dark, daily values light.
const COLORS = ['#1f5fbf', '#a9bedf'];

export function SalesChart({ series, label }: { series: ChartSeries[]; label: string }) {
  return (
    <div className="chart" data-testid="sales-chart">
      <ResponsiveLine
        data={series}
        role="img"
        ariaLabel={label}
        margin={{ top: 16, right: 16, bottom: 64, left: 64 }}
        {...DAILY_LINE_PROPS}
        yScale={{ type: 'linear', min: 0, max: 'auto' }}
        axisBottom={{ format: '%b %d, %Y', tickValues: 5, tickRotation: -20 }}
        colors={COLORS}
        lineWidth={1.5}
        enablePoints={false}
        enableSlices="x"
        animate={false}
        legends={[
          {
            anchor: 'bottom-left',
            direction: 'row',
            translateY: 60,
            itemWidth: 140,
            itemHeight: 16,
            symbolSize: 10,
          },
        ]}
      />
    </div>
  );
}
