// The bench's scale ratios (--against-scale): each operation's figures on the larger world over
// those on the smaller, from one run whose requests took turns. Beside the medians' ratios, each
// round's p50 ratio (how far the rounds agree) and what each process spent more per request alone
// (where a ratio's extra milliseconds went, without a profile).
import type { OperationFigures, ProcessName } from './graph-bench';

export interface ScaleRatio {
  operation: string;
  p50: number;
  p99: number;
  /** Each round's p50 at `scale` over that at `againstScale`, in round order. */
  roundsP50: number[];
  /** The answer's size at `scale` over that at `againstScale`: 1 when both answered alike. */
  answer: number;
  /** SQL statements per request at `scale` minus those at `againstScale`: 0 when the plan's statements do not grow with the data. */
  sqlDifference: number | undefined;
  /**
   * Per process, CPU ms per request at concurrency 1 at `scale` minus that at `againstScale` (the
   * medians' cpuMsPerRequestAlone): where a request alone spent its extra time. Only processes
   * measured on both sides.
   */
  cpuAloneDifferenceMs: Partial<Record<ProcessName, number>>;
}

/** Each operation's figures at the `scaled` target over those at `against`: the medians', and round by round. */
export function scaleRatios(figures: OperationFigures[], rounds: OperationFigures[][], scaled: string, against: string): ScaleRatio[] {
  const pair = (all: OperationFigures[], operation: string) => {
    const find = (target: string) => all.find((f) => f.operation === operation && f.target === target);
    const a = find(scaled);
    const b = find(against);
    return a && b ? ([a, b] as const) : undefined;
  };
  return figures
    .filter((f) => f.target === scaled)
    .flatMap((f) => {
      const paired = pair(figures, f.operation);
      if (!paired) return [];
      const [, other] = paired;
      const sql =
        f.sqlStatementsPerRequest === undefined || other.sqlStatementsPerRequest === undefined
          ? undefined
          : f.sqlStatementsPerRequest - other.sqlStatementsPerRequest;
      const cpuAloneDifferenceMs: Partial<Record<ProcessName, number>> = {};
      for (const [process, ms] of Object.entries(f.cpuMsPerRequestAlone) as Array<[ProcessName, number]>) {
        const before = other.cpuMsPerRequestAlone[process];
        if (before !== undefined) cpuAloneDifferenceMs[process] = ms - before;
      }
      return [
        {
          operation: f.operation,
          p50: f.latencyMs.p50 / other.latencyMs.p50,
          p99: f.latencyMs.p99 / other.latencyMs.p99,
          roundsP50: rounds.flatMap((round) => {
            const inRound = pair(round, f.operation);
            return inRound ? [inRound[0].latencyMs.p50 / inRound[1].latencyMs.p50] : [];
          }),
          answer: f.answerKb / other.answerKb,
          sqlDifference: sql,
          cpuAloneDifferenceMs,
        },
      ];
    });
}
