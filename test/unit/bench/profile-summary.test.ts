// `npm run bench -- profile-summary` sums the V8 CPU profiles `--profile DIR` wrote: busy time
// without idle, the garbage collector's share, functions by self time; one entry per process
// folder, a restarted process's files summed; only samples inside the bench's measured windows
// when it wrote them, so a process's start does not count.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  formatProfileSummaries,
  MEASURED_WINDOWS_FILE,
  summarizeProfile,
  summarizeProfiles,
  type CpuProfile,
} from '../../bench/profile-summary';

const frame = (functionName: string, url = '', lineNumber = -1) => ({ functionName, url, lineNumber });

/** root 1, idle 2, GC 3, `parse` at a.js line 10 (0-based 9) 4, an anonymous function at b.js:3 5; samples as [node, µs since the one before]. */
function profile(samples: Array<[id: number, us: number]>, startTime = 0): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)') },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('(garbage collector)') },
      { id: 4, callFrame: frame('parse', 'file:///work/x/a.js', 9) },
      { id: 5, callFrame: frame('', 'file:///work/x/b.js', 2) },
    ],
    startTime,
    samples: samples.map(([id]) => id),
    timeDeltas: samples.map(([, us]) => us),
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('bench profile summary', () => {
  const samples: Array<[number, number]> = [
    [2, 5000],
    [4, 1000],
    [5, 2500],
    [3, 500],
    [4, 1000],
    [2, 9000],
  ];

  it('leaves idle out, gives the garbage collector its share and lists functions by self time', () => {
    const summary = summarizeProfile('gateway', [profile(samples)], 2);
    expect(summary.busyMs).toBe(5);
    expect(summary.garbageCollectorShare).toBeCloseTo(0.1);
    expect(summary.top).toEqual([
      { name: '(anonymous) b.js:3', selfMs: 2.5, share: 0.5 },
      { name: 'parse a.js:10', selfMs: 2, share: 0.4 },
    ]);
  });

  it('counts only the samples inside the measured windows', () => {
    // Starting at 1000 µs, the samples are taken at 6000, 7000, 9500, 10000, 11000 and 20000.
    const windows = [{ operation: 'dashboard', startUs: 7500, endUs: 10_000 }];
    const summary = summarizeProfile('gateway', [profile(samples, 1000)], 5, windows);
    expect(summary.busyMs).toBe(3);
    expect(summary.top.map((each) => each.name)).toEqual(['(anonymous) b.js:3', '(garbage collector)']);
  });

  it('reads one folder per process, sums a restarted process’s files and uses the windows the bench wrote', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'profile-summary-'));
    dirs.push(dir);
    const write = (process: string, file: string, content: CpuProfile) => {
      mkdirSync(path.join(dir, process), { recursive: true });
      writeFileSync(path.join(dir, process, file), JSON.stringify(content));
    };
    write('gateway', 'CPU.1.cpuprofile', profile([[4, 1000]], 0));
    write(
      'gateway',
      'CPU.2.cpuprofile',
      profile(
        [
          [4, 3000],
          [5, 1000],
        ],
        100_000,
      ),
    );
    write('applications', 'CPU.3.cpuprofile', profile([[3, 2000]], 100_000));

    const whole = summarizeProfiles(dir, 5);
    expect(whole.windows).toBeUndefined();
    expect(whole.summaries.map((each) => [each.process, each.busyMs])).toEqual([
      ['applications', 2],
      ['gateway', 5],
    ]);
    expect(whole.summaries[1]!.top).toEqual([
      { name: 'parse a.js:10', selfMs: 4, share: 0.8 },
      { name: '(anonymous) b.js:3', selfMs: 1, share: 0.2 },
    ]);
    expect(formatProfileSummaries(whole)).toContain('start included');

    // The first gateway file (a process that was restarted) ended before the bench measured.
    writeFileSync(path.join(dir, MEASURED_WINDOWS_FILE), JSON.stringify([{ operation: 'todo', startUs: 50_000, endUs: 200_000 }]));
    const measured = summarizeProfiles(dir, 5);
    expect(measured.summaries.map((each) => [each.process, each.busyMs])).toEqual([
      ['applications', 2],
      ['gateway', 4],
    ]);
    expect(formatProfileSummaries(measured)).toContain('only while measuring): todo');
    expect(formatProfileSummaries({ summaries: [] })).toContain('--profile DIR');
  });
});
