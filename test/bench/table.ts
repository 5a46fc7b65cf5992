// The bench's results as a plain-text table: one block per operation, one row per target.
import type { BenchResults, OperationFigures, ProcessName } from './graph-bench';

const PROCESSES: ProcessName[] = ['gateway', 'applications', 'providers', 'security', 'supervision'];

const fixed = (value: number | undefined, digits = 1) => (value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));

const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`;

export function formatTable(results: BenchResults): string {
  const lines: string[] = [];
  lines.push(
    `npm run bench — scale ${results.scale}, ${results.startedAt}, ready in ${results.readySeconds.toFixed(1)} s, ` +
      `median of ${results.rounds.length} round(s)`,
  );
  const header = [
    'operation',
    'target',
    'p50 ms',
    'p99 ms',
    'req/s',
    'errors',
    'answer KB',
    'SQL/req',
    ...PROCESSES.map((name) => `CPU ms ${name}`),
    ...PROCESSES.map((name) => `RSS MB ${name}`),
    'replay p50 ms',
    'gateway overhead',
    'fetches/repr.',
  ];
  const rows = results.figures.map((f: OperationFigures) => [
    f.operation,
    f.target,
    fixed(f.latencyMs.p50),
    fixed(f.latencyMs.p99),
    fixed(f.throughput.requestsPerSecond),
    String(f.errors),
    fixed(f.answerKb),
    fixed(f.sqlStatementsPerRequest),
    ...PROCESSES.map((name) => fixed(f.cpuMsPerRequest[name], 2)),
    ...PROCESSES.map((name) => fixed(f.peakRssMb[name], 0)),
    fixed(f.replay?.p50Ms),
    f.replay ? `${fixed(f.replay.gatewayOverheadMs)} ms (${fixed(f.replay.gatewayOverheadShare * 100, 0)}%)` : '–',
    f.replay ? `${f.replay.fetches}/${f.replay.representations}` : '–',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ');
  lines.push(line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line));
  if (results.scaleRatios) {
    lines.push(
      '',
      `规模比 (scale ratio) ${results.scale} / ${results.options.againstScale}, 同一次运行、逐个请求交替 (one run, requests in turn):`,
    );
    for (const ratio of results.scaleRatios) {
      const sql =
        ratio.sqlDifference === undefined
          ? '–'
          : ratio.sqlDifference === 0
            ? 'same'
            : `${ratio.sqlDifference > 0 ? '+' : ''}${fixed(ratio.sqlDifference)}`;
      const rounds = ratio.roundsP50.length > 1 ? ` (rounds ${ratio.roundsP50.map((r) => `×${fixed(r, 2)}`).join(' ')})` : '';
      lines.push(
        `  ${ratio.operation.padEnd(28)} p50 ×${fixed(ratio.p50, 2)}${rounds}   p99 ×${fixed(ratio.p99, 2)}   ` +
          `answer ×${fixed(ratio.answer, 2)}   SQL/req ${sql}`,
      );
      // Where the extra time of a request alone went: each process's CPU ms more (or less) per request.
      const cpu = PROCESSES.filter((name) => ratio.cpuAloneDifferenceMs[name] !== undefined).map(
        (name) => `${name} ${signed(ratio.cpuAloneDifferenceMs[name]!)}`,
      );
      if (cpu.length) lines.push(`  ${''.padEnd(28)} 单个请求 CPU 差 (CPU ms per request alone, difference): ${cpu.join(', ')}`);
    }
  }
  lines.push(`results: ${results.file}`);
  return lines.join('\n');
}
