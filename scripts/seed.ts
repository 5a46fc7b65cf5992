// `npm run seed [-- --reset]`: loads the demo world into empty subgraph schemas, or with --reset
// empties every subgraph's tables and loads it again.
import { ConfigError } from '../subgraphs/kit/config';
import { migrateAndSeed } from '../seed/run';
import { openProjectDatabase } from './database';

const reset = process.argv.includes('--reset');
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
