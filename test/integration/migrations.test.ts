import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { migrate } from '../../subgraphs/kit/data-source';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { loadSubgraphModule } from '../../subgraphs/modules';
import { createTestDatabase, type TestDatabase } from '../setup/database';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

async function tablesIn(dataSource: DataSource, schema: string): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'migrations' ORDER BY 1`,
    [schema],
  );
  return rows.map((row) => row.table_name);
}

describe.each(SUBGRAPH_NAMES)('%s migrations', (name) => {
  it('create exactly what the entities describe, and their down steps remove it all', async () => {
    const module = await loadSubgraphModule(name);
    const dataSource = module.createDataSource(database.migrationUrl);
    try {
      await migrate(dataSource);
      expect(await tablesIn(dataSource, name)).not.toEqual([]);
      // TypeORM's schema diff: any statement here means an entity and the migrations disagree.
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);

      while ((await dataSource.query(`SELECT count(*)::int AS n FROM "${name}"."migrations"`))[0].n > 0) {
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
      expect(await tablesIn(dataSource, name)).toEqual([]);
      await migrate(dataSource); // and up again, as a redeploy after a rollback would
      expect(await tablesIn(dataSource, name)).not.toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
