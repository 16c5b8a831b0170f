/**
 * Progress bars of `npm run train` (cli-progress, on stderr): one bar per run showing the candidate
 * family being fitted, the CNN-LSTM's epoch, train and validation loss. Disabled (no output at all) for --json or when stderr is not a terminal.
 */
import cliProgress from 'cli-progress';

export interface RunBar {
  update(epoch: { epoch: number; trainLoss: number; valLoss: number }): void;
  /** Shows which candidate family is fitting (AUTO runs fit several). */
  setFamily(family: string): void;
  stop(): void;
}

/** Creates the bar set. */
export function createProgress(options: { enabled: boolean }) {
  const multi = options.enabled
    ? new cliProgress.MultiBar(
        {
          stream: process.stderr,
          format:
            '{category} {family} |{bar}| epoch {value}/{total} · loss {loss} · val {val} · {duration_formatted}',
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  return {
    add(category: string, totalEpochs: number): RunBar {
      const bar = multi?.create(totalEpochs, 0, {
        category: category.padEnd(12),
        family: ''.padEnd(14),
        loss: '-',
        val: '-',
      });
      return {
        update: (e) => bar?.update(e.epoch, { loss: e.trainLoss.toFixed(4), val: e.valLoss.toFixed(4) }),
        setFamily: (family) => bar?.update({ family: family.padEnd(14) }),
        stop: () => bar?.stop(),
      };
    },
    /** Prints a block above the bars (or plainly when bars are off). */
    log: (text: string) => (multi ? multi.log(text) : process.stdout.write(text)),
    stop: () => multi?.stop(),
  };
}
