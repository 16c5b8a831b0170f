/**
 * Graceful shutdown on SIGTERM and SIGINT, owned by the entry point (`index.ts`): the first signal runs
 * the app's `stop()` (in-flight requests finish, training runs are marked interrupted, the database
 * closes); signals that arrive while it runs are ignored with a note, so a second Ctrl-C or a repeated
 * SIGTERM cannot kill the process half-way through (it would leave runs RUNNING). Apollo Server's own
 * handlers are off (`stopOnTerminationSignals: false` in app.ts): they re-raise the signal before ours finish.
 */

/** The signals that stop the server. */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Waits for the first shutdown signal, then for `stop()`.
 * @param stop the app's stop; called once.
 * @param note where the "already stopping" notes go. @default stderr
 * @returns the signal that started the shutdown, once `stop()` resolved; rejects if `stop()` rejects.
 */
export function stopOnShutdownSignal(
  stop: () => Promise<void>,
  note: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<NodeJS.Signals> {
  return new Promise((resolve, reject) => {
    let received: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        note(`${signal} received while stopping after ${received}: still finishing (SIGKILL stops at once)`);
        return;
      }
      received = signal;
      note(`${signal} received: finishing in-flight requests and marking training runs interrupted`);
      stop().then(() => resolve(signal), reject);
    };
    // `on`, not `once`: a signal without a listener would take its default action and kill the process.
    for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);
  });
}
