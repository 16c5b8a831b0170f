/**
 * Forecast quality of the original system's PyTorch CNN-LSTM on its own data, for `bench:models`: one-step
 * validation MAE (validation part, sales units; ../shared/notes/reference-figures.md "Forecast quality of the
 * reference model"). A property of the model and data, not of this machine's speed, so a stored figure is a
 * fair comparison here (speed references are measured live: bench:train runs PyTorch in the same run).
 */
export const PYTORCH_VALIDATION_MAE: Readonly<Record<string, number>> = {
  Beauty: 542,
  Clothing: 529,
  Electronics: 517,
};
