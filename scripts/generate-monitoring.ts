// `npm run generate:monitoring -- --rows 1000000 --out /tmp/m.csv`: a deterministic file of system
// samples for the demo world's systems on the cloud (CSV, or JSON lines for .jsonl), ending on the
// world's today, for trying and testing `npm run import:monitoring`.
import { buildWorld } from '../seed/world';
import { WORLD_TODAY } from '../seed/world/types';
import { generateMonitoringFile } from '../subgraphs/supervision/monitoring/ingest/generate';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const rows = Number(option('--rows') ?? 1_000_000);
const out = option('--out');
if (!out || !Number.isInteger(rows) || rows <= 0) {
  console.error('用法 (usage): npm run generate:monitoring -- --rows 1000000 --out /tmp/m.csv');
  process.exit(2);
}
const started = performance.now();
const result = await generateMonitoringFile({ rows, out, systems: buildWorld().systems, lastDay: WORLD_TODAY });
console.log(
  `已生成 (generated) ${rows.toLocaleString('en-US')} 条系统样本 → ${out}: ${result.systems} 个系统, ` +
    `${result.firstDay} 至 ${result.lastDay}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
