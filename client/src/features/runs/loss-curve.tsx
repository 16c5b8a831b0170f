'use client';
/**
 * A run's train and validation loss per epoch (nivo line, linear epoch axis). `animate={false}` so a new
 * epoch is drawn in the next frame instead of tweening (nivo's GrowingLine story). Props in, no fetching.
 */
import { ResponsiveLine } from '@nivo/line';
import { useEffect, useMemo } from 'react';
import { markEpochsDrawn } from '@/lib/latency-marks';
import type { EpochPoint } from './use-run-progress';

export interface LossSeries {
  id: 'Train loss' | 'Validation loss';
  data: { x: number; y: number }[];
}

/** Epochs → the two nivo series. */
export function toLossSeries(epochs: readonly EpochPoint[]): LossSeries[] {
  return [
    { id: 'Train loss', data: epochs.map((e) => ({ x: e.epoch, y: e.trainLoss })) },
    { id: 'Validation loss', data: epochs.map((e) => ({ x: e.epoch, y: e.valLoss })) },
  ];
}

export function LossCurve({
  runId,
  epochs,
  totalEpochs,
  small,
}: {
  runId: string;
  epochs: readonly EpochPoint[];
  totalEpochs: number | null;
  small?: boolean;
}) {
  const series = useMemo(() => toLossSeries(epochs), [epochs]);
  useEffect(
    () =>
      markEpochsDrawn(
        runId,
        epochs.map((e) => e.epoch),
      ),
    [runId, epochs],
  );
  const maxX = Math.max(totalEpochs ?? 1, epochs.at(-1)?.epoch ?? 1, 2);
  const step = Math.ceil(maxX / 10);
  const ticks = Array.from({ length: Math.floor((maxX - 1) / step) + 1 }, (_, i) => 1 + i * step);
  return (
    <div className={small ? 'chart small' : 'chart'} data-testid="loss-curve" data-epochs={epochs.length}>
      {epochs.length === 0 ? (
        <p className="chart-placeholder">No epoch has finished yet.</p>
      ) : (
        <ResponsiveLine
          data={series}
          role="img"
          ariaLabel={`Train and validation loss, ${epochs.length} of ${totalEpochs ?? '?'} epochs`}
          margin={{ top: 12, right: 16, bottom: 56, left: 56 }}
          xScale={{ type: 'linear', min: 1, max: maxX }}
          yScale={{ type: 'linear', min: 0, max: 'auto' }}
          axisBottom={{ legend: 'epoch', legendOffset: 32, legendPosition: 'middle', tickValues: ticks }}
          axisLeft={{ tickValues: 5, format: '>-.2~f' }}
          yFormat=">-.4~f"
          colors={['#1f5fbf', '#d9480f']}
          lineWidth={2}
          pointSize={6}
          pointBorderWidth={1}
          pointBorderColor={{ from: 'serieColor' }}
          enableSlices="x"
          animate={false}
          legends={[
            {
              anchor: 'bottom-right',
              direction: 'row',
              translateY: 52,
              itemWidth: 110,
              itemHeight: 16,
              symbolSize: 10,
            },
          ]}
        />
      )}
    </div>
  );
}
