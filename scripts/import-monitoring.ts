// `npm run import:monitoring -- <file> [--max-rejected N]`: imports the monitoring agency's samples
// from a CSV (header row) or JSON-lines (.jsonl/.ndjson) file into the supervision subgraph, with a
// progress display on stderr and a summary on stdout (subgraphs/supervision/monitoring/ingest/import-file.ts).
// Uses DATABASE_URL, or the project's embedded PostgreSQL (shared with a running `npm start`).
import { ConfigError } from '../subgraphs/kit/config';
import { migrateWith } from '../subgraphs/kit/data-source';
import { createDataSource } from '../subgraphs/supervision/data-source';
import { formatImportSummary, ImportAbortedError, importMonitoringFile } from '../subgraphs/supervision/monitoring/ingest/import-file';
import { openProjectDatabase } from './database';

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--'));
const maxRejectedAt = args.indexOf('--max-rejected');
if (!file) {
  console.error('用法 (usage): npm run import:monitoring -- <file.csv|file.jsonl> [--max-rejected 1000]');
  process.exit(2);
}
try {
  const database = await openProjectDatabase();
  const dataSource = createDataSource(database.url);
  try {
    await migrateWith(createDataSource, database.migrationUrl);
    await dataSource.initialize();
    const summary = await importMonitoringFile(dataSource, file, {
      ...(maxRejectedAt >= 0 ? { maxRejected: Number(args[maxRejectedAt + 1]) } : {}),
    });
    console.log(formatImportSummary(summary));
  } finally {
    await dataSource.destroy();
    await database.embedded?.stop();
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof ImportAbortedError || (error as NodeJS.ErrnoException).code === 'ENOENT';
  console.error(known ? `导入失败 (import failed): ${(error as Error).message}` : error);
  process.exit(1);
}
