import { describe, expect, it } from '@jest/globals';
import { getFamily } from '../families/registry.js';
import { historyOf, weeklySeries } from '../families/test-series.js';
import { TINY_HP } from '../test-hyperparameters.js';
import { oneStepValidation, validationTargets } from './one-step-validation.js';

const fit = { seed: 1, hyperparameters: TINY_HP };

describe('oneStepValidation', () => {
  it("should use the CNN-LSTM's validation targets: windows cut inside the last 20 %", () => {
    // 365 days → 292 train days, targets from day 292 + 14 (59 of them, as in the original system).
    const targets = validationTargets(365, { windowSize: 14, validationFraction: 0.2 });
    expect(targets[0]).toBe(306);
    expect(targets).toHaveLength(59);
  });

  it('should make seasonal naive equal its own baseline (MASE 1)', async () => {
    const family = await getFamily('SEASONAL_NAIVE');
    const values = weeklySeries(200);
    const fitted = await family.fit(historyOf(values.slice(0, 160)), fit);
    const result = await oneStepValidation(family, historyOf(values), {
      windowSize: 14,
      validationFraction: 0.2,
      fit,
      fitted,
    });
    expect(result.metrics.mase).toBeCloseTo(1, 12);
    expect(result.predicted).toHaveLength(result.targets.length);
  });

  it('should refit blocks of targets and beat seasonal naive with MSTL on a noisy weekly series', async () => {
    const family = await getFamily('MSTL');
    const result = await oneStepValidation(family, historyOf(weeklySeries(300, 15)), {
      windowSize: 14,
      validationFraction: 0.2,
      fit,
      refitEvery: 7,
    });
    expect(result.fallbacks).toBe(0);
    expect(result.metrics.mase).toBeLessThan(1);
  });
});
