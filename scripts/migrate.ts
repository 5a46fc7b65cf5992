// `npm run migrate`: every subgraph's migrations and the job queue's, as the owner role
// (MIGRATION_DATABASE_URL, or DATABASE_URL when unset; the embedded PostgreSQL without either).
// Run before the services start, they then need only DATABASE_URL, the service role.
import { ConfigError } from '../subgraphs/kit/config';
import { migrateAll } from '../seed/run';
import { openProjectDatabase } from './database';

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
