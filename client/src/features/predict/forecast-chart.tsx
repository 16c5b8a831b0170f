'use client';
/**
 * Recent history, the forecast joined to its last day, and the prediction interval as a shaded band with
 * dashed edges (a custom nivo layer). Props in, no fetching.
 */
import { ResponsiveLine, type LineCustomSvgLayerProps } from '@nivo/line';
import { DAILY_LINE_PROPS } from '@/components/daily-line-props';
import type { ForecastChartData } from './forecast-data';

type Series = ForecastChartData['series'][number];
const COLORS: Record<string, string> = { History: '#1f5fbf', Forecast: '#d9480f' };
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);

function bandLayer(band: ForecastChartData['band']) {
  return function IntervalBand({ xScale, yScale }: LineCustomSvgLayerProps<Series>) {
    if (band.length < 2) return null;
    const x = (d: string) => (xScale as unknown as (v: Date) => number)(toDate(d));
    const y = (v: number) => (yScale as unknown as (v: number) => number)(v);
    const upper = band.map((b) => `${x(b.x)},${y(b.upper)}`);
    const lower = band.map((b) => `${x(b.x)},${y(b.lower)}`).reverse();
    return (
      <g data-testid="forecast-interval">
        <path d={`M${upper.join('L')}L${lower.join('L')}Z`} fill="#d9480f" fillOpacity={0.15} />
        <path d={`M${upper.join('L')}`} fill="none" stroke="#d9480f" strokeDasharray="4 3" strokeWidth={1} />
        <path
          d={`M${lower.reverse().join('L')}`}
          fill="none"
          stroke="#d9480f"
          strokeDasharray="4 3"
          strokeWidth={1}
        />
      </g>
    );
  };
}

export function ForecastChart({ data, label }: { data: ForecastChartData; label: string }) {
  return (
    <div className="chart" data-testid="forecast-chart">
      <ResponsiveLine
        data={data.series}
        role="img"
        ariaLabel={label}
        margin={{ top: 16, right: 24, bottom: 64, left: 64 }}
        {...DAILY_LINE_PROPS}
        yScale={{ type: 'linear', min: data.yMin, max: data.yMax }}
        axisBottom={{ format: '%b %d', tickValues: 6, tickRotation: -20 }}
        colors={(s) => COLORS[String(s.id)] ?? '#555'}
        lineWidth={2}
        pointSize={4}
        enableSlices="x"
        animate={false}
        layers={['grid', 'axes', bandLayer(data.band), 'lines', 'points', 'slices', 'legends']}
        legends={[
          {
            anchor: 'bottom-left',
            direction: 'row',
            translateY: 60,
            itemWidth: 110,
            itemHeight: 16,
            symbolSize: 10,
          },
        ]}
      />
    </div>
  );
}
