// The bench's CPU reading: each thread's time on a CPU in nanoseconds where /proc has schedstat,
// else the process's clock ticks; nothing for a process /proc does not know.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cpuMsOf } from '../../bench/proc-stats';

const roots: string[] = [];

/** A /proc with one process, 4242: its stat line (utime 30, stime 12 ticks) and the schedstat of each thread given. */
function fakeProc(threads: Record<string, string> | null): string {
  const root = mkdtempSync(path.join(tmpdir(), 'proc-stats-'));
  roots.push(root);
  mkdirSync(path.join(root, '4242'));
  // The command name holds a space and a parenthesis, as a process's may.
  writeFileSync(path.join(root, '4242', 'stat'), `4242 (node (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 30 12 0 0 20 0 11 0 1 2 3\n`);
  if (threads) {
    for (const [thread, schedstat] of Object.entries(threads)) {
      mkdirSync(path.join(root, '4242', 'task', thread), { recursive: true });
      writeFileSync(path.join(root, '4242', 'task', thread, 'schedstat'), schedstat);
    }
  }
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the CPU time of a bench process', () => {
  it('sums every thread’s nanoseconds on a CPU, when /proc keeps schedstat', () => {
    const proc = fakeProc({ '4242': '1234567 99 7\n', '4243': '1000000 5 2\n' });
    expect(cpuMsOf(4242, proc)).toBeCloseTo(2.234567, 9);
  });

  it('falls back to utime and stime in clock ticks without it', () => {
    const proc = fakeProc(null);
    // 42 ticks at the machine's CLK_TCK (100 on Linux): 420 ms.
    expect(cpuMsOf(4242, proc)).toBe(420);
  });

  it('gives nothing for a process /proc does not have, and reads this process for real', () => {
    expect(cpuMsOf(4242, fakeProc(null).replace(/$/, '-gone'))).toBeUndefined();
    expect(cpuMsOf(undefined)).toBeUndefined();
    const mine = cpuMsOf(process.pid);
    if (process.platform === 'linux') expect(mine).toBeGreaterThan(0);
  });
});
