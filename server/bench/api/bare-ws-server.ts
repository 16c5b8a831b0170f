/**
 * Starts and drives `bare-ws-child.ts`, the bare graphql-ws server that part 3 of `api.bench.ts` measures
 * beside ours in the same run (same subscribers, same document, same epoch spacing).
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BareMessage, BareRequest } from './bare-ws-child.js';
import { profileChild, type ProfiledProcess } from './profiled-child.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bare-ws-child.ts');
const READY_TIMEOUT_MS = 60_000;

export interface BareServer {
  wsUrl: string;
  /** Subscriptions registered on the server. */
  subscriberCount(): Promise<number>;
  /** Publishes `epochs` epoch events `gapMs` apart, then a final status. @returns epoch → publish time. */
  train(epochs: number, gapMs: number): Promise<{ runId: string; ends: Map<number, number> }>;
  /** V8's CPU profiler in the bare server (`bench:api --profile`). */
  profiler: ProfiledProcess;
  stop(): Promise<void>;
}

/** @throws when the child exits or is not listening within a minute (it is stopped first). */
export async function startBareServer(): Promise<BareServer> {
  const child = fork(CHILD, [], {
    execArgv: ['--import', '@swc-node/register/esm-register'],
    env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let nextId = 1;
  const ask = <T extends BareMessage>(request: BareRequest, answer: T['type'], timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`bare server: no answer to ${request.type}`)),
        timeoutMs,
      );
      const onMessage = (message: BareMessage) => {
        // Profile answers number their own requests: the type tells them apart.
        if (message.type !== answer || !('requestId' in message) || message.requestId !== request.requestId)
          return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      child.send(request);
    });
  try {
    const wsUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bare server did not start')), READY_TIMEOUT_MS);
      child.on('message', (message: BareMessage) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        resolve(message.url);
      });
      void exited.then(() => reject(new Error(`bare server exited (${child.exitCode ?? child.signalCode})`)));
    });
    return {
      wsUrl,
      subscriberCount: async () =>
        (
          await ask<Extract<BareMessage, { type: 'count' }>>(
            { type: 'count', requestId: nextId++ },
            'count',
            10_000,
          )
        ).count,
      train: async (epochs, gapMs) => {
        const request: BareRequest = { type: 'train', requestId: nextId++, epochs, gapMs };
        const answer = await ask<Extract<BareMessage, { type: 'trained' }>>(
          request,
          'trained',
          epochs * gapMs + 30_000,
        );
        return { runId: answer.runId, ends: new Map(answer.times) };
      },
      profiler: profileChild(child),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
