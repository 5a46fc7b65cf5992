// `npm run generate:monitoring -- --rows 1000000 --out /tmp/m.csv`: a deterministic file of system
// samples for the demo world's systems on the cloud (CSV, or JSON lines for .jsonl), ending on the
// world's today, for trying and testing `npm run import:monitoring`.
import { buildWorld } from '../seed/world';
import { WORLD_TODAY } from '../seed/world/types';
import { generateMonitoringFile } from '../subgraphs/supervision/monitoring/ingest/generate';
import { integerOption, parseCli, usageError, type CliOptions, type CliSpec } from './cli';

const spec = {
  usage: 'npm run generate:monitoring -- [--rows N] --out <file.csv|file.jsonl>',
  help: `
为演示世界在云上的系统生成确定性的系统资源样本文件，供 npm run import:monitoring 试用和测试。
Writes a deterministic file of system samples for the demo world's systems, ending on ${WORLD_TODAY}.

  --rows N       样本行数，默认 1000000 (rows, default 1,000,000)
  --out FILE     输出文件；.jsonl 为 JSON lines，否则 CSV (the file to write; .jsonl for JSON lines, else CSV)
  -h, --help     显示本说明 (show this help)`,
  options: { rows: { type: 'string' }, out: { type: 'string' } },
} satisfies CliSpec<CliOptions>;

const { values } = parseCli(spec);
const rows = integerOption(spec, 'rows', values.rows as string | undefined, { min: 1, max: 100_000_000, fallback: 1_000_000 });
const out = values.out as string | undefined;
if (!out) usageError(spec, '缺少 --out (missing --out FILE)');
const started = performance.now();
const result = await generateMonitoringFile({ rows, out, systems: buildWorld().systems, lastDay: WORLD_TODAY });
console.log(
  `已生成 (generated) ${rows.toLocaleString('en-US')} 条系统样本 → ${out}: ${result.systems} 个系统, ` +
    `${result.firstDay} 至 ${result.lastDay}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
