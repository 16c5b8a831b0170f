/**
 * ARIMA, opt-in only. The `arima` npm package (labelled MIT) compiles ctsa, whose tree carries an ACM
 * licence restricted to non-commercial use (components_copyright/ACM_COPYRIGHT) and an auto-ARIMA ported
 * from GPL-licensed code, so it is not a dependency of this MIT project: this family loads it only when
 * the user installed it (`npm i arima`) and listed ARIMA in `models.enabled`. Model: SARIMA(1,0,1)(0,1,1)7
 * fitted by conditional sum of squares (exact ML returned exploding forecasts on sample data; the guard
 * catches what still diverges). The package prints while fitting; that output is silenced.
 */
import { SEASON_LENGTH } from '../../evaluate.js';
import type { ModelFamily } from '../family.js';
import { createPathModel, loadPathModel, PATH_DAYS } from '../path-model.js';

interface ArimaModel {
  train(values: number[]): ArimaModel;
  predict(horizon: number): [number[], number[]];
}
type ArimaConstructor = new (options: Record<string, unknown>) => ArimaModel;

const ORDER = { p: 1, d: 0, q: 1, P: 0, D: 1, Q: 1, s: SEASON_LENGTH, method: 1, optimizer: 6 };

/** Thrown when ARIMA is asked for but the package is not installed. */
export class ArimaUnavailableError extends Error {
  override readonly name = 'ArimaUnavailableError';
  readonly code = 'FAMILY_UNAVAILABLE';
}

async function loadArima(): Promise<ArimaConstructor> {
  // A specifier in a variable: neither the type checker nor a bundler may require the package.
  const name = 'arima';
  try {
    const mod = (await import(name)) as { default?: ArimaConstructor };
    return (mod.default ?? mod) as ArimaConstructor;
  } catch {
    throw new ArimaUnavailableError(
      'ARIMA needs the "arima" npm package, which is not installed: its ctsa core carries a non-commercial licence, so the project does not depend on it; install it yourself (npm i arima) if your use allows',
    );
  }
}

function silenced<T>(fn: () => T): T {
  const log = console.log;
  const write = process.stdout.write;
  console.log = () => {};
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return fn();
  } finally {
    console.log = log;
    process.stdout.write = write;
  }
}

export const arimaFamily: ModelFamily = {
  name: 'ARIMA',
  conditions: false,
  minimumDays: () => 4 * SEASON_LENGTH,
  async assertAvailable() {
    await loadArima();
  },
  async fit(history) {
    const Arima = await loadArima();
    const path = silenced(() => {
      const model = new Arima({ ...ORDER, verbose: false }).train([...history.values]);
      return model.predict(PATH_DAYS)[0];
    });
    return createPathModel('ARIMA', {
      path: Array.from(path),
      lastWeek: history.values.slice(-SEASON_LENGTH),
      spec: { library: 'arima (ctsa)', order: 'SARIMA(1,0,1)(0,1,1)7', method: 'CSS' },
    });
  },
  load: async (state) => loadPathModel('ARIMA', state),
};
