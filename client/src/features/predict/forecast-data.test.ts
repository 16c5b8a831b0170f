import { describe, expect, it } from 'vitest';
import { toForecastChartData, toForecastRows } from './forecast-data';

const history = [
  { date: '2024-12-29', value: 10 },
  { date: '2024-12-30', value: 20 },
  { date: '2024-12-31', value: 30 },
];
const forecast = { values: [40, 50], lower: [35, 40], upper: [45, 60] };

describe('toForecastRows', () => {
  it('should continue the dates from the last day when the API gives none', () => {
    expect(toForecastRows(forecast, '2024-12-31')).toEqual([
      { step: 1, date: '2025-01-01', value: 40, lower: 35, upper: 45 },
      { step: 2, date: '2025-01-02', value: 50, lower: 40, upper: 60 },
    ]);
  });

  it('should use the API dates when given', () => {
    expect(toForecastRows({ ...forecast, dates: ['2030-01-01', '2030-01-02'] }, '2024-12-31')[1]!.date).toBe(
      '2030-01-02',
    );
  });
});

describe('toForecastChartData', () => {
  it('should draw only the history before a forecast', () => {
    const data = toForecastChartData(history, [20, 30], null);
    expect(data.series.map((s) => s.id)).toEqual(['History']);
    expect(data.band).toEqual([]);
  });

  it('should show the edited window values at the end of the history', () => {
    const data = toForecastChartData(history, [21, 31], null);
    expect(data.series[0]!.data.map((p) => p.y)).toEqual([10, 21, 31]);
  });

  it('should join the forecast to the last known day and start the band there with zero width', () => {
    const data = toForecastChartData(history, [20, 30], forecast);
    expect(data.series[1]).toEqual({
      id: 'Forecast',
      data: [
        { x: '2024-12-31', y: 30 },
        { x: '2025-01-01', y: 40 },
        { x: '2025-01-02', y: 50 },
      ],
    });
    expect(data.band[0]).toEqual({ x: '2024-12-31', lower: 30, upper: 30 });
    expect(data.band).toHaveLength(3);
  });

  it('should size the y range to cover the band, including negative lower bounds', () => {
    const data = toForecastChartData(history, [20, 30], { values: [5], lower: [-10], upper: [100] });
    expect(data.yMin).toBe(-10);
    expect(data.yMax).toBeGreaterThanOrEqual(100);
  });
});
