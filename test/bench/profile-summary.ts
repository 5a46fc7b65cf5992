// `npm run bench -- profile-summary --profile DIR [--top N]`: where each process's CPU went in the
// V8 CPU profiles `npm run bench -- --profile DIR` wrote (one folder per process). For each: the
// time it was sampled busy (idle left out), the garbage collector's share, and the functions with
// the most self time. Only samples taken while the bench measured an operation count (the windows
// it writes beside the profiles), so a process's start — loading and compiling its modules — does
// not crowd out what serving costs. Time a process spent inside a system call (`writev`) counts as
// busy: the sampler sees the call, not whether the kernel ran it or kept it waiting for a CPU.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The parts of a `.cpuprofile` (V8's Profiler.Profile) read here. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  /** Microseconds on the monotonic clock, as process.hrtime's. */
  startTime: number;
  samples: number[];
  /** Microseconds since the sample before. */
  timeDeltas: number[];
}

/** One operation measured on this checkout's processes, from start to end (warm-up included). */
export interface MeasuredWindow {
  operation: string;
  startUs: number;
  endUs: number;
}

/** Written by the graph bench beside the profiles. */
export const MEASURED_WINDOWS_FILE = 'measured-windows.json';

/** The clock V8 stamps its samples with (CLOCK_MONOTONIC), in microseconds. */
export function monotonicMicroseconds(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export interface FunctionTime {
  /** `name file:line`, the line 1-based. */
  name: string;
  selfMs: number;
  /** Of the busy time. */
  share: number;
}

export interface ProfileSummary {
  process: string;
  busyMs: number;
  garbageCollectorShare: number;
  top: FunctionTime[];
}

const IDLE = '(idle)';
const GARBAGE_COLLECTOR = '(garbage collector)';

/**
 * A process's profiles (more than one when it was restarted) summed by function: name, file and
 * line. Idle is left out; with `windows`, so is every sample taken outside them.
 */
export function summarizeProfile(process: string, profiles: CpuProfile[], top: number, windows?: MeasuredWindow[]): ProfileSummary {
  const selfUs = new Map<string, number>();
  let busyUs = 0;
  let garbageUs = 0;
  const measured = (us: number) => !windows || windows.some((window) => us >= window.startUs && us <= window.endUs);
  for (const profile of profiles) {
    const frameOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      at += delta;
      const frame = frameOf.get(id);
      if (!frame || frame.functionName === IDLE || !measured(at)) return;
      busyUs += delta;
      if (frame.functionName === GARBAGE_COLLECTOR) garbageUs += delta;
      const name = `${frame.functionName || '(anonymous)'}${frame.url ? ` ${path.basename(frame.url)}:${frame.lineNumber + 1}` : ''}`;
      selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
    });
  }
  const shareOf = (us: number) => (busyUs === 0 ? 0 : us / busyUs);
  return {
    process,
    busyMs: busyUs / 1000,
    garbageCollectorShare: shareOf(garbageUs),
    top: [...selfUs]
      .sort(([, a], [, b]) => b - a)
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: shareOf(us) })),
  };
}

/** Every process folder under `dir`, summed over the bench's measured windows when it wrote them. */
export function summarizeProfiles(dir: string, top: number): { summaries: ProfileSummary[]; windows?: MeasuredWindow[] } {
  const windowsFile = path.join(dir, MEASURED_WINDOWS_FILE);
  const windows = existsSync(windowsFile) ? (JSON.parse(readFileSync(windowsFile, 'utf8')) as MeasuredWindow[]) : undefined;
  const summaries = readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort()
    .flatMap((name) => {
      const files = readdirSync(path.join(dir, name)).filter((file) => file.endsWith('.cpuprofile'));
      const profiles = files.map((file) => JSON.parse(readFileSync(path.join(dir, name, file), 'utf8')) as CpuProfile);
      return profiles.length === 0 ? [] : [summarizeProfile(name, profiles, top, windows)];
    });
  return { summaries, windows };
}

export function formatProfileSummaries({ summaries, windows }: { summaries: ProfileSummary[]; windows?: MeasuredWindow[] }): string {
  if (summaries.length === 0) return '没有剖析文件 (no profiles: run npm run bench -- --profile DIR first)';
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  const scope = windows
    ? `只计测量期间 (only while measuring): ${[...new Set(windows.map((window) => window.operation))].join(', ')}`
    : '整个进程生命期，含启动 (the whole run, start included: no measured windows found)';
  return [
    scope,
    ...summaries.map((summary) =>
      [
        `${summary.process}: 忙 (busy) ${(summary.busyMs / 1000).toFixed(1)} s, 垃圾回收 (garbage collector) ${percent(summary.garbageCollectorShare)}`,
        ...summary.top.map((each) => `  ${each.selfMs.toFixed(0).padStart(8)} ms ${percent(each.share).padStart(6)}  ${each.name}`),
      ].join('\n'),
    ),
  ].join('\n\n');
}
