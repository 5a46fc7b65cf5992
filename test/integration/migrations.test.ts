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

/** The quoted string literals of a check expression, e.g. the values of an `IN (...)` list. */
function quotedLiterals(expression: string): string[] {
  return [...new Set([...expression.matchAll(/'((?:[^']|'')*)'/g)].map((match) => match[1]!))].sort();
}

/**
 * TypeORM's diff compares checks by name only, so a value added to an enum check (kit/enum-check.ts)
 * would pass it unnoticed. Each entity check's literals must be the database constraint's literals.
 */
async function checkValueDrift(dataSource: DataSource, schema: string): Promise<string[]> {
  const rows: Array<{ table: string; name: string; definition: string }> = await dataSource.query(
    `SELECT t.relname AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND c.contype = 'c'`,
    [schema],
  );
  const inDatabase = new Map(rows.map((row) => [`${row.table}.${row.name}`, row.definition]));
  const drift: string[] = [];
  for (const metadata of dataSource.entityMetadatas) {
    for (const check of metadata.checks) {
      const definition = inDatabase.get(`${metadata.tableName}.${check.name}`);
      if (definition === undefined) continue; // a missing check is TypeORM's diff's to report
      const entity = quotedLiterals(check.expression!);
      const database = quotedLiterals(definition);
      const onlyEntity = entity.filter((value) => !database.includes(value));
      const onlyDatabase = database.filter((value) => !entity.includes(value));
      if (onlyEntity.length > 0 || onlyDatabase.length > 0) {
        drift.push(
          `${metadata.tableName}.${check.name}: only in the entity [${onlyEntity.join(', ')}], only in the database [${onlyDatabase.join(', ')}] — a migration is needed`,
        );
      }
    }
  }
  return drift;
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
      expect(await checkValueDrift(dataSource, name)).toEqual([]);

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
