// `npm run import:monitoring -- [--max-rejected N] [--dry-run] <file>`: imports the monitoring agency's samples
// from a CSV (header row) or JSON-lines (.jsonl/.ndjson) file into the supervision subgraph, with a
// progress display on stderr and a summary on stdout (subgraphs/supervision/monitoring/ingest/import-file.ts).
// Uses DATABASE_URL, or the project's embedded PostgreSQL (shared with a running `npm start`).
// Exits 0 when the file was imported, 1 when it was not (nothing written), 2 for bad arguments.
import { ConfigError } from '../subgraphs/kit/config';
import { migrateWith } from '../subgraphs/kit/data-source';
import { createDataSource } from '../subgraphs/supervision/data-source';
import { formatImportSummary, ImportAbortedError, importMonitoringFile } from '../subgraphs/supervision/monitoring/ingest/import-file';
import { integerOption, parseCli, type CliOptions, type CliSpec } from './cli';
import { openProjectDatabase } from './database';

const spec = {
  usage: 'npm run import:monitoring -- [--max-rejected N] [--dry-run] <file.csv|file.jsonl>',
  help: `
导入监测机构的样本文件（第二十四条）：CSV（首行为表头）或 JSON lines（.jsonl、.ndjson），
一次事务写入原始样本并重新汇总涉及的日期；任何一行被拒绝时整个文件不写入。
Imports a monitoring file in one transaction; by default one bad row rejects the whole file.

  --max-rejected N   容许跳过至多 N 个坏行（格式错误、未知的系统或服务商），默认 0
                     skip up to N bad rows (malformed, unknown system or provider), default 0
  --dry-run          完整执行导入（检查、写入、汇总）后回滚，不写入任何数据，用于事先检查文件
                     run the whole import (checks, writes, roll-ups), then roll it back: nothing written
  -h, --help         显示本说明 (show this help)

进度 (progress): 终端上为进度条，否则每 5 秒一行 (a bar on a terminal, else a line every 5 s).
退出码 (exit code): 0 已导入 (imported), 1 未导入 (not imported), 2 参数错误 (bad arguments).`,
  options: { 'max-rejected': { type: 'string' }, 'dry-run': { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
} satisfies CliSpec<CliOptions>;

const { values, positionals } = parseCli(spec);
const file = positionals[0]!;
const maxRejected = integerOption(spec, 'max-rejected', values['max-rejected'] as string | undefined, {
  min: 0,
  max: 100_000_000,
  fallback: 0,
});
try {
  const database = await openProjectDatabase();
  const dataSource = createDataSource(database.url);
  try {
    await migrateWith(createDataSource, database.migrationUrl);
    await dataSource.initialize();
    const summary = await importMonitoringFile(dataSource, file, { maxRejected, dryRun: values['dry-run'] === true });
    console.log(formatImportSummary(summary));
  } finally {
    await dataSource.destroy();
    await database.embedded?.stop();
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof ImportAbortedError || (error as NodeJS.ErrnoException).code === 'ENOENT';
  console.error(known ? `导入失败 (import failed): ${(error as Error).message}` : error);
  if (error instanceof ImportAbortedError && error.rejections.length > 0) {
    for (const reason of error.rejections) console.error(`  - ${reason}`);
    console.error('  用 --max-rejected N 容许跳过至多 N 个坏行 (use --max-rejected N to skip up to N bad rows)');
  }
  process.exit(1);
}
