/**
 * `bench:api --profile`: profiles one server child during one measured phase (ceiling, predict, fan-out)
 * and prints, right after it, where the server's main thread spent the phase (`cpu-profile-summary.ts`),
 * its top self-time functions, and how the machine's cores were shared between the server, the benchmark's
 * own clients (autocannon and the subscribers run in this process) and everything else. The profiles stay
 * in a directory for Chrome DevTools or speedscope.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STALL_FACTOR, summarizeCpuProfile, type CpuProfile } from './cpu-profile-summary.js';
import { createTable } from './format.js';
import type { ProfiledProcess } from './profiled-child.js';

export interface PhaseProfiler {
  /** Where the `.cpuprofile` files go (one per phase, numbered in order). */
  dir: string;
  /**
   * Runs `measure` with `target` profiled and prints the phase's summary after it. A profiler failure is
   * printed and does not fail the measurement.
   * @returns what `measure` returns.
   */
  around<T>(phase: string, target: ProfiledProcess, measure: () => Promise<T>): Promise<T>;
}

/** CPU time of all cores (ms since boot), busy and idle, from os.cpus(). */
function machineTimes(): { busyMs: number; idleMs: number } {
  let busyMs = 0;
  let idleMs = 0;
  for (const { times } of os.cpus()) {
    busyMs += times.user + times.nice + times.sys + times.irq;
    idleMs += times.idle;
  }
  return { busyMs, idleMs };
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
const cores = (us: number, wallUs: number) => (wallUs > 0 ? (us / wallUs).toFixed(2) : '-');

/** @param dir an existing directory for the profiles. @param log where the tables go. @default console.log */
export function createPhaseProfiler(dir: string, log: (line: string) => void = console.log): PhaseProfiler {
  let count = 0;
  return {
    dir,
    async around(phase, target, measure) {
      const slug = phase
        .replace(/[^a-z0-9]+/gi, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase();
      const file = path.join(dir, `${++count}-${slug}.cpuprofile`);
      const started = await target.startProfile().then(
        () => true,
        (error: Error) => (log(`  profile of "${phase}" could not start: ${error.message}`), false),
      );
      const machineBefore = machineTimes();
      const clientBefore = process.cpuUsage();
      const wallStart = performance.now();
      try {
        return await measure();
      } finally {
        const wallUs = (performance.now() - wallStart) * 1000;
        const client = process.cpuUsage(clientBefore);
        const machineAfter = machineTimes();
        if (started) {
          const usage = await target.stopProfile(file).catch((error: Error) => {
            log(`  profile of "${phase}" could not stop: ${error.message}`);
            return undefined;
          });
          if (usage) {
            printSummary({
              log,
              phase,
              file,
              server: usage,
              clientUs: client.user + client.system,
              wallUs,
              machine: {
                busyUs: (machineAfter.busyMs - machineBefore.busyMs) * 1000,
                idleUs: (machineAfter.idleMs - machineBefore.idleMs) * 1000,
              },
            });
          }
        }
      }
    },
  };
}

interface PhaseFigures {
  log: (line: string) => void;
  phase: string;
  file: string;
  server: { cpuUs: number; wallUs: number };
  clientUs: number;
  wallUs: number;
  machine: { busyUs: number; idleUs: number };
}

function printSummary({ log, phase, file, server, clientUs, wallUs, machine }: PhaseFigures): void {
  const summary = summarizeCpuProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile);
  const idle = summary.groups.find((g) => g.group === 'idle')?.share ?? 0;
  const busy = 1 - idle;
  const seconds = (summary.totalMs / 1000).toFixed(1);
  log(`  profile of the server's main thread during "${phase}" (${seconds} s): ${file}`);
  const groups = createTable([
    'where the samples were (self)',
    '% of samples',
    '% of busy',
    'ms',
    'in stalls ms',
  ]);
  for (const g of summary.groups) {
    if (g.samples === 0) continue;
    const ofBusy = g.group === 'idle' ? '' : percent(g.share / busy);
    groups.push([g.group, percent(g.share), ofBusy, Math.round(g.ms), Math.round(g.stalledMs)]);
  }
  log(indent(groups.toString()));
  const top = createTable(['top self time', 'where', 'group', '% of samples', 'ms']);
  for (const f of summary.top) top.push([f.name, f.where, f.group, percent(f.share), Math.round(f.ms)]);
  log(indent(top.toString()));
  const { stalls } = summary;
  const longest = stalls.longest.map((s) => `${Math.round(s.ms)} ms in ${s.name} ${s.where}`).join('; ');
  log(
    `  ${summary.samples} samples, every ${summary.intervalMs.toFixed(2)} ms (median); ${stalls.count} busy samples ` +
      `lasted over ${STALL_FACTOR}× that (stalls: the thread or the sampler was held up, by a GC pause, a long ` +
      `native call or no free core), ${Math.round(stalls.ms)} ms of ${seconds} s${longest ? `; longest ${longest}` : ''}`,
  );
  // Cores, not %: on 2 cores the server, the clients and whatever else runs here add up to at most 2.
  const machineUs = machine.busyUs + machine.idleUs;
  const rest = Math.max(0, machine.busyUs - server.cpuUs - clientUs);
  log(
    `  cores used during the phase (of ${os.cpus().length}): server process ${cores(server.cpuUs, server.wallUs)} ` +
      `(all its threads; its main thread was busy in ${percent(busy)} of the samples), ` +
      `benchmark clients in this process ${cores(clientUs, wallUs)}, the rest of the machine ${cores(rest, wallUs)}, ` +
      `idle ${cores(machine.idleUs, wallUs)} (machine busy ${machineUs > 0 ? percent(machine.busyUs / machineUs) : '-'})`,
  );
  log('');
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
