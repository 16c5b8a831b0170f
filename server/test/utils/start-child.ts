/**
 * Test helper: `npm start`'s entry point (`src/index.ts`) as a real child process, with the environment a
 * user has: NODE_ENV is removed (jest sets it to `test`, which turns off behaviour such as Apollo's own
 * signal handlers). Resolves once the server printed its URL. Used by the lifecycle and fault tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerChild {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  url: string;
  graphqlUrl: string;
  /** Everything the child printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the child has exited. */
  exited: Promise<number | string | null>;
}

/** Starts the server on a free port with `env` added to this process's environment (less NODE_ENV). */
export function startServerChild(env: Record<string, string | undefined>): Promise<ServerChild> {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    ...env,
    PORT: '0',
    NODE_OPTIONS: '',
  };
  delete childEnv.NODE_ENV;
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/index.ts'], {
    cwd: SERVER_DIR,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /GraphQL API\s+(\S+)/.exec(out);
      if (match) {
        const graphqlUrl = match[1]!;
        resolve({ child, url: new URL(graphqlUrl).origin, graphqlUrl, output: () => out, exited });
      }
    });
    void exited.then((code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}
