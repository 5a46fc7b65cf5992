// `npm run migrate`: every subgraph's migrations and the job queue's, as the owner role
// (MIGRATION_DATABASE_URL, or DATABASE_URL when unset; the embedded PostgreSQL without either).
// Run before the services start, they then need only DATABASE_URL, the service role.
import { ConfigError } from '../subgraphs/kit/config';
import { migrateAll } from '../seed/run';
import { parseCli, type CliOptions, type CliSpec } from './cli';
import { openProjectDatabase } from './database';

parseCli({
  usage: 'npm run migrate',
  help: `
以属主账号运行各子图、任务队列 (graphile_worker) 和 effects 的迁移，不做别的。
Runs every subgraph's, the job queue's and the effects' migrations as the owner role, nothing else.

  -h, --help     显示本说明 (show this help)

数据库 (database): MIGRATION_DATABASE_URL 或 DATABASE_URL，未设置时为内置 PostgreSQL (else the embedded PostgreSQL).`,
  options: {},
} satisfies CliSpec<CliOptions>);

try {
  const database = await openProjectDatabase();
  try {
    await migrateAll(database.migrationUrl);
    console.log('已完成迁移 (migrated): graphile_worker, effects 及四个子图 (and the four subgraphs)');
  } finally {
    await database.embedded?.stop();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
