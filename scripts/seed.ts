// `npm run seed [-- --reset] [--scale N]`: loads the demo world into empty subgraph schemas, or with --reset
// empties every subgraph's tables and loads it again; --scale N loads a world N times the demo (seed/world/scale.ts).
import { ConfigError } from '../subgraphs/kit/config';
import { migrateAndSeed } from '../seed/run';
import { integerOption, parseCli, type CliOptions, type CliSpec } from './cli';
import { openProjectDatabase } from './database';
import { SeedProgress } from './seed-progress';
import { MAX_SCALE } from '../seed/world/scale';

const spec = {
  usage: 'npm run seed -- [--reset] [--scale N]',
  help: `
迁移数据库并向空的子图载入演示数据；已有数据的子图保持不动。审计记录从不清空。
Migrates, then loads the demo world into every empty subgraph; a subgraph with data is left as is.

  --reset        清空各子图的数据后重新载入（审计记录保留） (empty every subgraph's tables and load again; the audit trail stays)
  --scale N      载入演示数据的 N 倍（1–${MAX_SCALE}，默认 1）：使用单位、系统、申请、安全协议、等保与检查各 N 份，
                 另加每小时一条的监测样本（N=100 时约 8,000 个单位、19,400 个系统、1,000 万条样本）
                 (a world N times the demo: units, systems, applications, security agreements, MLPS and
                 inspections N times over, and hourly monitoring samples — about 10,000,000 at 100)
  -h, --help     显示本说明 (show this help)

数据库 (database): MIGRATION_DATABASE_URL 或 DATABASE_URL，未设置时为内置 PostgreSQL (else the embedded PostgreSQL).`,
  options: { reset: { type: 'boolean' }, scale: { type: 'string' } },
} satisfies CliSpec<CliOptions>;

const { values } = parseCli(spec);
const reset = values.reset === true;
const scale = integerOption(spec, 'scale', values.scale as string | undefined, { min: 1, max: MAX_SCALE, fallback: 1 });
try {
  const database = await openProjectDatabase();
  const progress = new SeedProgress();
  const started = performance.now();
  try {
    const report = await migrateAndSeed(database.migrationUrl, { reset, scale, onProgress: progress.update });
    progress.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `已载入演示数据${scale > 1 ? ` ×${scale}` : ''} (seeded${scale > 1 ? ` at scale ${scale}` : ''}, ${seconds} s): ${report.seeded.join(', ') || '无 (none)'}`,
    );
    if (report.skipped.length) console.log(`已有数据，未改动 (not empty, left as is): ${report.skipped.join(', ')}；用 --reset 重新载入`);
  } finally {
    progress.stop();
    await database.embedded?.stop();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
