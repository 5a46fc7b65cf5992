// The bench's scale ratios: the medians' ratios, each round's p50 ratio, and each process's extra
// CPU per request alone, paired by operation and target; and how the table prints them.
import { describe, expect, it } from 'vitest';
import type { BenchResults, OperationFigures } from '../../bench/graph-bench';
import { scaleRatios } from '../../bench/scale-ratios';
import { formatTable } from '../../bench/table';

function figures(operation: string, target: string, p50: number, alone: OperationFigures['cpuMsPerRequestAlone']): OperationFigures {
  return {
    operation,
    target,
    latencyMs: { p50, p99: p50 * 3, requests: 100 },
    answerKb: target === 'scale 10' ? 20 : 2,
    throughput: { requestsPerSecond: 100, requests: 500, concurrency: 10, seconds: 5 },
    errors: 0,
    sqlStatementsPerRequest: 4,
    cpuMsPerRequest: {},
    cpuMsPerRequestAlone: alone,
    rssMb: {},
    peakRssMb: {},
  };
}

const rounds: OperationFigures[][] = [
  [figures('county', 'scale 10', 12, { gateway: 6 }), figures('county', 'against scale 1', 10, { gateway: 4 })],
  [figures('county', 'scale 10', 13, { gateway: 6.5 }), figures('county', 'against scale 1', 10, { gateway: 4 })],
  [figures('county', 'scale 10', 11, { gateway: 5 }), figures('county', 'against scale 1', 10, { gateway: 4 })],
];
const medians = [
  figures('county', 'scale 10', 12, { gateway: 6, applications: 5, security: 4 }),
  figures('county', 'against scale 1', 10, { gateway: 4, applications: 3.5, providers: 2 }),
];

describe('bench scale ratios', () => {
  it('pairs each operation at the scaled target with the other: the medians, each round in order, and the CPU alone each process added', () => {
    const [ratio] = scaleRatios(medians, rounds, 'scale 10', 'against scale 1');
    expect(ratio!.operation).toBe('county');
    expect(ratio!.p50).toBeCloseTo(1.2, 10);
    expect(ratio!.roundsP50.map((r) => Number(r.toFixed(2)))).toEqual([1.2, 1.3, 1.1]);
    expect(ratio!.answer).toBeCloseTo(10, 10);
    expect(ratio!.sqlDifference).toBe(0);
    // Only processes measured on both sides: providers (one side) and security (the other) are left out.
    expect(ratio!.cpuAloneDifferenceMs).toEqual({ gateway: 2, applications: 1.5 });
  });

  it('leaves out an operation the other target did not run, and a round missing its pair', () => {
    const lone = [...medians, figures('todo', 'scale 10', 5, {})];
    const partial = [...rounds.slice(0, 2), [rounds[2]![0]!]];
    const ratios = scaleRatios(lone, partial, 'scale 10', 'against scale 1');
    expect(ratios.map((r) => r.operation)).toEqual(['county']);
    expect(ratios[0]!.roundsP50).toHaveLength(2);
  });

  it('prints the rounds beside the ratio and the CPU differences on the line below', () => {
    const results = {
      startedAt: '2026-12-05T00:00:00.000Z',
      scale: 10,
      options: { againstScale: 1 },
      readySeconds: 30,
      figures: medians,
      rounds,
      scaleRatios: scaleRatios(medians, rounds, 'scale 10', 'against scale 1'),
      file: '/tmp/bench.json',
    } as unknown as BenchResults;
    const table = formatTable(results);
    expect(table).toMatch(/^ {2}county\s+p50 ×1\.20 \(rounds ×1\.20 ×1\.30 ×1\.10\)\s+p99 ×1\.20\s+answer ×10\.00\s+SQL\/req same$/m);
    expect(table).toMatch(/CPU ms per request alone, difference\): gateway \+2\.0, applications \+1\.5$/m);
  });
});
