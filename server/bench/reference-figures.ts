/**
 * The original Python system's training speed, measured on this kind of machine (PyTorch 1.13 CPU,
 * 1 thread, train + validation pass; ../shared/notes/reference-figures.md). Cost is linear in the number
 * of windows there, so other sizes are interpolated linearly between the measured points.
 */
export const PYTORCH_REFERENCE = {
  source:
    'PyTorch 1.13 CPU 1 thread: 0.030 s/epoch at 278 windows (Beauty), 0.165 at ~1,986 (2,000 days); linear in between',
  /** Whole process, Beauty of retail_sales_2023, 10 epochs, start to exit (our whole run excludes Node's start). */
  wholeRunBeautySeconds: 2.38,
  points: [
    { windows: 278, secondsPerEpoch: 0.03 },
    { windows: 1986, secondsPerEpoch: 0.165 },
    { windows: 19986, secondsPerEpoch: 1.59 },
  ],
} as const;

/** PyTorch seconds per epoch for `windows` training windows (linear interpolation/extrapolation). */
export function pytorchSecondsPerEpoch(windows: number): number {
  const pts = PYTORCH_REFERENCE.points;
  const [a, b] = windows <= pts[1].windows ? [pts[0], pts[1]] : [pts[1], pts[2]];
  return (
    a.secondsPerEpoch +
    ((windows - a.windows) * (b.secondsPerEpoch - a.secondsPerEpoch)) / (b.windows - a.windows)
  );
}

/**
 * One-step validation MAE of the reference PyTorch CNN-LSTM on the original system's data (validation
 * part, sales units; ../shared/notes/reference-figures.md "Forecast quality of the reference model").
 */
export const PYTORCH_VALIDATION_MAE: Readonly<Record<string, number>> = {
  Beauty: 542,
  Clothing: 529,
  Electronics: 517,
};
