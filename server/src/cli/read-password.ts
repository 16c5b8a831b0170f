/**
 * Reads a password for the users CLI without it ever being an argument (arguments show in `ps` and shell
 * history): typed twice without echo at a terminal, else the first line of standard input
 * (`printf '%s\n' "$PW" | npm run users -- create …`).
 */
import { UsageError } from './run-cli.js';

/** Reads stdin to its end and returns the first line. */
async function readFirstLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** One line typed at the terminal, not echoed; Ctrl-C aborts. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin } = process;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const finish = (fn: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      fn();
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(() => resolve(typed));
        if (char === '\u0003') return finish(() => reject(new UsageError('cancelled')));
        typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * The new password.
 * @throws UsageError when the two typed passwords differ or none was given.
 */
export async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const password = await readFirstLine();
    if (!password) throw new UsageError('no password on standard input (first line)');
    return password;
  }
  const first = await promptHidden('Password: ');
  const second = await promptHidden('Repeat it: ');
  if (first !== second) throw new UsageError('the passwords differ');
  return first;
}
