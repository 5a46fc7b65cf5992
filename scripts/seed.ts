// `npm run seed [-- --reset]`: loads the demo world into empty subgraph schemas, or with --reset
// empties every subgraph's tables and loads it again.
import { ConfigError } from '../subgraphs/kit/config';
import { migrateAndSeed } from '../seed/run';
import { parseCli, type CliOptions, type CliSpec } from './cli';
import { openProjectDatabase } from './database';

const spec = {
  usage: 'npm run seed -- [--reset]',
  help: `
迁移数据库并向空的子图载入演示数据；已有数据的子图保持不动。审计记录从不清空。
Migrates, then loads the demo world into every empty subgraph; a subgraph with data is left as is.

  --reset        清空各子图的数据后重新载入（审计记录保留） (empty every subgraph's tables and load again; the audit trail stays)
  -h, --help     显示本说明 (show this help)

数据库 (database): MIGRATION_DATABASE_URL 或 DATABASE_URL，未设置时为内置 PostgreSQL (else the embedded PostgreSQL).`,
  options: { reset: { type: 'boolean' } },
} satisfies CliSpec<CliOptions>;

const reset = parseCli(spec).values.reset === true;
try {
  const database = await openProjectDatabase();
  try {
    const report = await migrateAndSeed(database.migrationUrl, { reset });
    console.log(`已载入演示数据 (seeded): ${report.seeded.join(', ') || '无 (none)'}`);
    if (report.skipped.length) console.log(`已有数据，未改动 (not empty, left as is): ${report.skipped.join(', ')}；用 --reset 重新载入`);
  } finally {
    await database.embedded?.stop();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
