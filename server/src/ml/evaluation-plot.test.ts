/**
 * Tests for the evaluation plot: spec shape (layers, optional band, legend domain), input validation,
 * and the rendered PNG (signature, IHDR size, different inputs ⇒ different bytes).
 */
import { describe, expect, it } from '@jest/globals';
import { compile } from 'vega-lite';
import {
  buildEvaluationPlotSpec,
  renderEvaluationPlot,
  type EvaluationPlotInput,
} from './evaluation-plot.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function makeTestInput(overrides: Partial<EvaluationPlotInput> = {}): EvaluationPlotInput {
  return {
    title: 'Beauty — validation: actual vs predicted',
    dates: ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04'],
    actual: [100, 140, 120, 90],
    predicted: [110, 130, 125, 95],
    ...overrides,
  };
}

/** Width and height from the IHDR chunk, which always directly follows the signature. */
function readPngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The parts of a layer the tests read; the real type is Vega-Lite's wide spec union. */
interface TestLayer {
  mark: { type: string };
  data: { values: Record<string, unknown>[] };
  encoding: Record<string, { type?: string; scale?: { domain?: string[]; range?: unknown[] } }>;
}
const layersOf = (input: EvaluationPlotInput): TestLayer[] =>
  (buildEvaluationPlotSpec(input) as unknown as { layer: TestLayer[] }).layer;

describe('buildEvaluationPlotSpec', () => {
  it('should have only the line layer with actual and predicted when no band or baselines are given', () => {
    const layers = layersOf(makeTestInput());
    expect(layers).toHaveLength(1);
    expect(layers[0]!.mark.type).toBe('line');
    expect(layers[0]!.encoding.x?.type).toBe('temporal');
    expect(layers[0]!.encoding.color?.scale?.domain).toEqual(['Actual', 'Predicted']);
    expect(layers[0]!.data.values).toHaveLength(8);
  });

  it('should add an area band under the lines when lower and upper are given', () => {
    const layers = layersOf(makeTestInput({ lower: [90, 120, 110, 80], upper: [130, 140, 140, 110] }));
    expect(layers.map((l) => l.mark.type)).toEqual(['area', 'line']);
    expect(layers[0]!.data.values[1]).toEqual({ date: '2024-03-02', lower: 120, upper: 140 });
  });

  it('should put baseline names in the legend domain with a dashed stroke when baselines are given', () => {
    const baselines = [{ name: 'Seasonal naive', values: [95, 100, 140, 120] }];
    const [line] = layersOf(makeTestInput({ baselines }));
    expect(line!.encoding.color?.scale?.domain).toEqual(['Actual', 'Predicted', 'Seasonal naive']);
    expect(line!.encoding.strokeDash?.scale?.range?.[2]).not.toEqual([1, 0]);
    expect(line!.data.values.filter((p) => p.series === 'Seasonal naive')).toHaveLength(4);
  });

  it('should not be changed by compiling it, so no state carries into the next call', () => {
    const spec = buildEvaluationPlotSpec(makeTestInput({ lower: [1, 2, 3, 4], upper: [5, 6, 7, 8] }));
    const before = JSON.stringify(spec);
    compile(spec);
    expect(JSON.stringify(spec)).toBe(before);
  });

  it('should carry title and subtitle when a subtitle is given', () => {
    const spec = buildEvaluationPlotSpec(makeTestInput({ subtitle: 'MAE 12' }));
    expect('title' in spec && spec.title).toMatchObject({
      text: 'Beauty — validation: actual vs predicted',
      subtitle: 'MAE 12',
    });
  });
});

describe('evaluation plot input validation', () => {
  it.each<[string, Partial<EvaluationPlotInput>]>([
    ['no points', { dates: [], actual: [], predicted: [] }],
    ['unequal lengths', { predicted: [1, 2, 3] }],
    ['a non-finite value', { actual: [1, NaN, 3, 4] }],
    ['an infinite baseline', { baselines: [{ name: 'Naive', values: [1, 2, Infinity, 4] }] }],
    ['lower without upper', { lower: [1, 2, 3, 4] }],
    ['a malformed date', { dates: ['2024-03-01', '03/02/2024', '2024-03-03', '2024-03-04'] }],
  ])('should throw a one-line Error when given %s', async (_, overrides) => {
    const input = makeTestInput(overrides);
    expect(() => buildEvaluationPlotSpec(input)).toThrow(/^evaluation plot: [^\n]+$/);
    await expect(renderEvaluationPlot(input)).rejects.toThrow(Error);
  });
});

describe('renderEvaluationPlot', () => {
  it('should return a PNG of the default 900×360 size when no options are given', async () => {
    const png = await renderEvaluationPlot(makeTestInput());
    expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(readPngSize(png)).toEqual({ width: 900, height: 360 });
  });

  it('should return a PNG of the requested size when width and height are given', async () => {
    const png = await renderEvaluationPlot(makeTestInput(), { width: 640, height: 300 });
    expect(readPngSize(png)).toEqual({ width: 640, height: 300 });
  });

  it('should give different bytes for different inputs and the same bytes when repeated', async () => {
    const first = await renderEvaluationPlot(makeTestInput());
    const other = await renderEvaluationPlot(makeTestInput({ actual: [300, 20, 250, 10] }));
    const again = await renderEvaluationPlot(makeTestInput());
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });

  it('should render a single point with band and baseline', async () => {
    const input = makeTestInput({
      dates: ['2024-03-01'],
      actual: [5],
      predicted: [6],
      lower: [4],
      upper: [8],
      baselines: [{ name: 'Naive', values: [7] }],
    });
    expect(readPngSize(await renderEvaluationPlot(input))).toEqual({ width: 900, height: 360 });
  });
});
