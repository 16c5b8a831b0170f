import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;

/** Runs a CLI entry the way `npm run train` does, against a temp config and data dir. */
function cli(script: 'train' | 'predict', args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', `src/cli/${script}.ts`, ...args],
    {
      cwd: SERVER_DIR,
      encoding: 'utf8',
      env: {
        ...process.env,
        CONFIG_PATH: path.join(dir, 'config.yaml'),
        DATA_DIR: path.join(dir, 'data'),
        INIT_CWD: dir,
        NODE_OPTIONS: '',
      },
      timeout: 120_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

function writeSalesCsv(file: string): void {
  const lines = [
    'Transaction ID,Date,Customer ID,Gender,Age,Product Category,Quantity,Price per Unit,Total Amount',
  ];
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (let day = 0; day < 150; day++) {
    const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    const amount = Math.round(100 + 40 * Math.sin((2 * Math.PI * day) / 7) + day);
    lines.push(`${day + 1},${date},C${day},Female,30,Beauty,1,${amount},${amount}`);
  }
  lines.push('999,not-a-date,C1,Male,40,Beauty,1,5,5');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('command line', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
    writeSalesCsv(path.join(dir, 'sales.csv'));
    fs.writeFileSync(
      path.join(dir, 'config.yaml'),
      'data:\n  csv_path: sales.csv\n  categories: [Beauty]\nmodel:\n  conv_filters: 4\n  lstm_units: 4\ntraining:\n  max_epochs: 2\n',
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('should seed the empty database from data.csv_path on first use, listing the bad lines it skipped', () => {
    const { code, stderr } = cli('train', ['--category', 'Toys']);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^note: seeded the empty database .*150 rows; 1 bad line\(s\) skipped, e\.g\. line 152/,
    );
    expect(stderr).toMatch(/error: category "Toys" has no sales in the database/);
  });

  it.each([
    ['no category flag', ['--json']],
    ['an unknown flag', ['--all', '--bogus']],
    ['zero epochs', ['--all', '--epochs', '0']],
    ['an unknown category', ['--category', 'Toys']],
    ['a missing CSV', ['--all', '--csv', 'missing.csv']],
  ])('should exit 2 with one line on stderr when train gets %s', (_name, args) => {
    const { code, stderr, stdout } = cli('train', args);
    expect(code).toBe(2);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: /);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  it('should train, print one JSON line per run and predict with the stored version', () => {
    const train = cli('train', ['--all', '--json']);
    expect(train.code).toBe(0);
    const lines = train.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const run = JSON.parse(lines[0]!);
    expect(Object.keys(run)).toEqual([
      'category',
      'status',
      'backend',
      'epochs',
      'secondsPerEpoch',
      'metrics',
      'modelVersionId',
      'family',
      'candidates',
    ]);
    expect(run).toMatchObject({ category: 'Beauty', status: 'SUCCEEDED', epochs: 2 });
    // AUTO by default: every enabled family, the champion the one with the lowest backtest MASE.
    expect(run.candidates.map((c: { family: string }) => c.family).sort()).toEqual(
      ['CNN_LSTM', 'ETS', 'MSTL', 'PROPHET', 'SEASONAL_NAIVE'].sort(),
    );
    const best = Math.min(...run.candidates.map((c: { backtest: { mase: number } }) => c.backtest.mase));
    expect(run.candidates.find((c: { family: string }) => c.family === run.family).backtest.mase).toBe(best);
    for (const c of run.candidates) {
      expect(Object.keys(c.backtest).sort()).toEqual(['coverage', 'mae', 'mase']);
      expect(c.fitSeconds).toBeGreaterThanOrEqual(0);
    }
    expect(Object.keys(run.metrics).sort()).toEqual([
      'mae',
      'mase',
      'naiveMae',
      'naiveRmse',
      'rmse',
      'seasonalNaiveMae',
      'seasonalNaiveRmse',
    ]);
    expect(train.stderr).not.toMatch(/error/);

    const values = Array.from({ length: 14 }, (_, i) => 150 + i).join(',');
    const predict = cli('predict', ['--category', 'Beauty', '--values', values, '--horizon', '3', '--json']);
    expect(predict.code).toBe(0);
    const forecast = JSON.parse(predict.stdout);
    expect(forecast).toMatchObject({
      category: 'Beauty',
      family: run.family,
      modelVersionId: run.modelVersionId,
      dates: null,
    });
    expect(forecast.values).toHaveLength(3);
    forecast.values.forEach((v: number, i: number) => {
      expect(forecast.lower[i]).toBeLessThan(v);
      expect(forecast.upper[i]).toBeGreaterThan(v);
    });

    const latest = cli('predict', ['--category', 'Beauty', '--latest', '--json']);
    expect(JSON.parse(latest.stdout).dates).toEqual(['2024-05-30']);
  });

  it('should train one family with --model and serve it: seasonal naive repeats the last week', () => {
    const train = cli('train', ['--category', 'Beauty', '--model', 'seasonal_naive', '--json']);
    expect(train.code).toBe(0);
    const run = JSON.parse(train.stdout.trim());
    expect(run).toMatchObject({ family: 'SEASONAL_NAIVE', secondsPerEpoch: null });
    expect(run.candidates).toHaveLength(1);
    const values = Array.from({ length: 14 }, (_, i) => 100 + i);
    const predict = cli('predict', [
      '--category',
      'Beauty',
      '--values',
      values.join(','),
      '--horizon',
      '8',
      '--json',
    ]);
    expect(JSON.parse(predict.stdout).values).toEqual([...values.slice(7), values[7]]);
    expect(cli('train', ['--all', '--model', 'lstm']).stderr).toMatch(/^error: unknown --model "lstm"/);
  });

  it('should exit 2 with one line when predict gets the wrong number of values', () => {
    const { code, stderr } = cli('predict', ['--category', 'Beauty', '--values', '1,2,3']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: --values needs exactly 14 values/);
  });
});
