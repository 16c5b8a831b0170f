/**
 * The parent side of `child-profiler.ts`: starts and stops V8's CPU profiler in a benchmark child (our
 * server, the bare graphql-ws server) over its IPC channel. `server-process.ts` and `bare-ws-server.ts`
 * give each child one; `phase-profiler.ts` uses it around each measured phase.
 */
import type { ChildProcess } from 'node:child_process';
import type { ProfileAnswer, ProfileRequest } from './child-profiler.js';

const ANSWER_TIMEOUT_MS = 30_000;

export interface ProfiledProcess {
  /** Starts the profiler in the child. @throws when the child cannot (or does not answer in 30 s). */
  startProfile(): Promise<void>;
  /**
   * Stops it and has the child write the profile to `file`.
   * @returns the child's CPU time over the profile (every thread, µs) and its wall time (µs).
   * @throws when the profiler was not running or the child does not answer in 30 s.
   */
  stopProfile(file: string): Promise<{ cpuUs: number; wallUs: number }>;
}

/** A ProfiledProcess for a child that runs `answerProfileRequests`. */
export function profileChild(child: ChildProcess): ProfiledProcess {
  // Apart from the child's other requests' ids: an answer is matched by type and id.
  let nextId = 1;
  const ask = <T extends ProfileAnswer['type']>(request: ProfileRequest, answer: T) =>
    new Promise<Extract<ProfileAnswer, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`no answer to ${request.type}`));
      }, ANSWER_TIMEOUT_MS);
      const onMessage = (message: ProfileAnswer) => {
        if (message.type !== answer || message.requestId !== request.requestId) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        if (message.error) reject(new Error(`${request.type}: ${message.error}`));
        else resolve(message as Extract<ProfileAnswer, { type: T }>);
      };
      child.on('message', onMessage);
      child.send(request);
    });
  return {
    startProfile: async () => {
      await ask({ type: 'profileStart', requestId: nextId++ }, 'profileStarted');
    },
    stopProfile: async (file) => {
      const { cpuUs, wallUs } = await ask(
        { type: 'profileStop', requestId: nextId++, file },
        'profileStopped',
      );
      return { cpuUs, wallUs };
    },
  };
}
