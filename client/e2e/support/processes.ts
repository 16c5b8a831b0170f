/**
 * e2e helpers: free ports, child processes started in their own process group (so a stop ends the
 * whole tree, e.g. next-server under next start) and waiting for a line of their output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts a command in its own process group; `stop()` sends SIGTERM to the group (SIGKILL after 10 s).
 * `input`, when given, is written to its stdin (then closed).
 */
export function start(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Started {
  const { input, ...spawnOptions } = options;
  const child = spawn(command, args, {
    ...spawnOptions,
    detached: true,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin!.end(input);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      /* already gone */
    }
  };
  return {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves with the first match of `pattern` in the output; rejects when the process exits or on timeout. */
export function waitForOutput(
  started: Started,
  pattern: RegExp,
  timeoutMs = 120_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const finish = (fn: () => void) => {
      clearInterval(poll);
      clearTimeout(deadline);
      fn();
    };
    const poll = setInterval(() => {
      const match = pattern.exec(started.output());
      if (match) finish(() => resolve(match));
      else if (started.child.exitCode !== null)
        finish(() => reject(new Error(`exited early:\n${started.output()}`)));
    }, 50);
    const deadline = setTimeout(
      () => finish(() => reject(new Error(`timed out waiting for ${pattern}:\n${started.output()}`))),
      timeoutMs,
    );
  });
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Promise<string> {
  const started = start(command, args, options);
  const code = await new Promise<number | null>((r) => started.child.once('exit', (c) => r(c)));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}):\n${started.output()}`);
  return started.output();
}
