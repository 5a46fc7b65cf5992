// `npm run bench` keeps working: the graph bench in its tiny mode (three requests, one second of
// concurrency) on the city dashboard, through the same command a person runs, beside a second world
// (--against-scale) for the scale ratios, with each process's CPU profile (--profile) for
// `profile-summary`. It checks that every figure is there, not what it is — timings are never asserted.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../bench/graph-bench';
import { summarizeProfiles } from '../bench/profile-summary';

const dir = mkdtempSync(path.join(tmpdir(), 'govcloud-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench', () => {
  it('measures the dashboard, fixed and varied, through separate processes on two worlds and prints the table, their ratios and where the CPU went (tiny mode)', async () => {
    const out = path.join(dir, 'results.json');
    const profiles = path.join(dir, 'profiles');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/bench/run.ts',
        '--tiny',
        '--operations',
        'dashboard,dashboard-varied',
        '--against-scale',
        '1',
        '--out',
        out,
        '--profile',
        profiles,
      ],
      {
        env: { ...process.env, LOG_LEVEL: 'error' },
        // The channel stops the bench, its processes and its database if this test's process dies first.
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^dashboard\s+\| scale 1 /m);
    expect(stdout).toMatch(/^dashboard\s+\| against scale 1 /m);
    expect(stdout).toMatch(/^ {2}dashboard\s+p50 ×\d.* answer ×\d/m);

    const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    const [dashboard] = results.figures;
    expect(dashboard).toMatchObject({ operation: 'dashboard', errors: 0 });
    expect(dashboard!.latencyMs.p50).toBeGreaterThan(0);
    expect(dashboard!.answerKb).toBeGreaterThan(1);
    expect(dashboard!.throughput.requests).toBeGreaterThan(0);
    // Counted by pg_stat_statements: the plan's statements in all four subgraphs.
    expect(dashboard!.sqlStatementsPerRequest).toBeGreaterThan(4);
    for (const name of ['gateway', 'applications', 'providers', 'security', 'supervision'] as const) {
      expect(dashboard!.cpuMsPerRequest[name], name).toBeGreaterThanOrEqual(0);
      expect(dashboard!.cpuMsPerRequestAlone[name], name).toBeGreaterThanOrEqual(0);
      expect(dashboard!.peakRssMb[name], name).toBeGreaterThan(20);
    }
    // The plan's fetches went to every subgraph and were replayed without the gateway.
    expect(dashboard!.replay!.fetches).toBeGreaterThanOrEqual(4);
    expect(dashboard!.replay!.p50Ms).toBeGreaterThan(0);
    // Requests that vary still have one plan to replay: the first request's.
    const varied = results.figures.find((figure) => figure.operation === 'dashboard-varied');
    expect(varied).toMatchObject({ operation: 'dashboard-varied', errors: 0 });
    expect(varied!.replay!.fetches).toBe(dashboard!.replay!.fetches);
    // The second world answered too, and the ratios pair each operation's two figures.
    const against = results.figures.filter((figure) => figure.target === 'against scale 1');
    expect(against.map((figure) => figure.operation)).toEqual(['dashboard', 'dashboard-varied']);
    expect(against.every((figure) => figure.errors === 0 && figure.latencyMs.p50 > 0)).toBe(true);
    expect(results.scaleRatios!.map((ratio) => ratio.operation)).toEqual(['dashboard', 'dashboard-varied']);
    const [ratio] = results.scaleRatios!;
    expect(ratio!.p50).toBeCloseTo(dashboard!.latencyMs.p50 / against[0]!.latencyMs.p50, 6);
    // The same demo world twice: the same answer and the same statements per request.
    expect(ratio!.answer).toBeCloseTo(1, 2);
    expect(ratio!.sqlDifference).toBe(0);
    // And what each process spent more or less per request alone, printed under the ratio.
    expect(ratio!.cpuAloneDifferenceMs.gateway).toBeCloseTo(
      dashboard!.cpuMsPerRequestAlone.gateway! - against[0]!.cpuMsPerRequestAlone.gateway!,
      6,
    );
    expect(stdout).toMatch(/CPU ms per request alone, difference\): gateway [+−]\d+\.\d, applications [+−]\d/);

    // One profile folder per process of this checkout, read only while the two operations ran.
    const { summaries, windows } = summarizeProfiles(profiles, 5);
    expect(windows!.map((window) => window.operation)).toEqual(['dashboard', 'dashboard-varied']);
    expect(summaries.map((summary) => summary.process)).toEqual(['applications', 'gateway', 'providers', 'security', 'supervision']);
    for (const summary of summaries) expect(summary.busyMs, summary.process).toBeGreaterThan(0);
  });
});
