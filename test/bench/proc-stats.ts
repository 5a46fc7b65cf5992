// CPU time and memory of a process, read from Linux's /proc. CPU: the time each of its threads has
// spent on a CPU, in nanoseconds (/proc/<pid>/task/*/schedstat), or, where the kernel keeps no
// schedstat, utime + stime (/proc/<pid>/stat, in clock ticks of 10 ms: over 200 requests a
// resolution of 0.05 ms each, coarser than the differences the bench reports). Memory: the resident
// set (VmRSS) with its peak (VmHWM). On a system without /proc the bench prints no CPU or RSS
// figures rather than failing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** The CPU time the process has used, in ms; undefined when /proc cannot tell. `proc` for tests. */
export function cpuMsOf(pid: number | undefined, proc = '/proc'): number | undefined {
  if (pid === undefined || !existsSync(`${proc}/${pid}/stat`)) return undefined;
  return scheduledMsOf(`${proc}/${pid}/task`) ?? tickedMsOf(`${proc}/${pid}/stat`);
}

/**
 * The sum of the threads' time on a CPU, from schedstat's first field (ns); undefined without it.
 * A thread that ends between two readings takes its time with it: the bench's processes keep theirs
 * (libuv's pool, V8's workers) for their lives.
 */
function scheduledMsOf(tasks: string): number | undefined {
  let ns = 0;
  let read = false;
  let threads: string[];
  try {
    threads = readdirSync(tasks);
  } catch {
    return undefined;
  }
  for (const thread of threads) {
    try {
      ns += Number(readFileSync(`${tasks}/${thread}/schedstat`, 'utf8').split(' ')[0]);
      read = true;
    } catch {
      // Ended since the listing, or no schedstat: left out.
    }
  }
  return read && Number.isFinite(ns) ? ns / 1e6 : undefined;
}

function tickedMsOf(statFile: string): number | undefined {
  const stat = readFileSync(statFile, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / clockTicks();
}

export interface MemoryOf {
  rssMb: number;
  peakRssMb: number;
}

/** The process's resident memory now and at its peak, in MiB. */
export function memoryOf(pid: number | undefined): MemoryOf | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return undefined;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}
