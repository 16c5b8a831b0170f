/**
 * The child side of `bench:api --profile`: answers "start"/"stop" over IPC with V8's CPU profiler on the
 * child's main thread (node:inspector, in-process, so one child gives one profile per phase rather than
 * one per life as `--cpu-prof` would). Installed by `server-child.ts` and `bare-ws-child.ts`; the parent
 * side is `profiled-child.ts`. The profile is written to the file the parent names (a `.cpuprofile`
 * DevTools and speedscope open), after the profiler stopped, so the writing is not in it.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Parent → child. */
export type ProfileRequest =
  { type: 'profileStart'; requestId: number } | { type: 'profileStop'; requestId: number; file: string };

/**
 * Child → parent. `cpuUs`: the process's CPU time (user + system, every thread: training workers and
 * native thread pools too) between start and stop, `wallUs` the time between. `error` when the profiler
 * failed (nothing written).
 */
export type ProfileAnswer =
  | { type: 'profileStarted'; requestId: number; error?: string }
  | { type: 'profileStopped'; requestId: number; cpuUs: number; wallUs: number; error?: string };

/** Listens for profile requests on the IPC channel and answers them through `send`. */
export function answerProfileRequests(send: (answer: ProfileAnswer) => void): void {
  let session: Session | undefined;
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  let startedAt = 0;
  const start = async () => {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    cpuAtStart = process.cpuUsage();
    startedAt = performance.now();
  };
  const stop = async (file: string) => {
    if (!session) throw new Error('the profiler was not started');
    const cpu = process.cpuUsage(cpuAtStart);
    const wallUs = (performance.now() - startedAt) * 1000;
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    session = undefined;
    fs.writeFileSync(file, JSON.stringify(profile));
    return { cpuUs: cpu.user + cpu.system, wallUs };
  };
  process.on('message', (request: ProfileRequest) => {
    const { requestId } = request;
    const failed = (error: unknown) => String((error as Error).message ?? error);
    if (request.type === 'profileStart') {
      void start().then(
        () => send({ type: 'profileStarted', requestId }),
        (error) => send({ type: 'profileStarted', requestId, error: failed(error) }),
      );
    }
    if (request.type === 'profileStop') {
      void stop(request.file).then(
        (usage) => send({ type: 'profileStopped', requestId, ...usage }),
        (error) => send({ type: 'profileStopped', requestId, cpuUs: 0, wallUs: 0, error: failed(error) }),
      );
    }
  });
}
