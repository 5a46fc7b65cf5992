import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One B-tree index of a migration: its name, table and columns (quoted, in order), and for a partial index its predicate. */
export type IndexSpec = readonly [name: string, table: string, columns: string, where?: string];

/** Creates `indexes` in `schema` (a migration's `up`). */
export async function createIndexes(queryRunner: QueryRunner, schema: string, indexes: readonly IndexSpec[]): Promise<void> {
  for (const [name, table, columns, where] of indexes) {
    await queryRunner.query(`CREATE INDEX "${name}" ON "${schema}"."${table}" (${columns})${where ? ` WHERE ${where}` : ''}`);
  }
}

/** Drops `indexes` from `schema`, last first (the same migration's `down`). */
export async function dropIndexes(queryRunner: QueryRunner, schema: string, indexes: readonly IndexSpec[]): Promise<void> {
  for (const [name] of [...indexes].reverse()) await queryRunner.query(`DROP INDEX "${schema}"."${name}"`);
}

/** A migration (named `name`, ending in its timestamp) that creates `indexes` in `schema`, and drops them in `down`. */
export function indexMigration(name: string, schema: string, indexes: readonly IndexSpec[]): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      await createIndexes(queryRunner, schema, indexes);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await dropIndexes(queryRunner, schema, indexes);
    }
  };
}

/**
 * `CREATE EXTENSION IF NOT EXISTS pg_trgm` in `public`, which several subgraphs' migrations need
 * and which their schemas, migrated at once (seed/run.ts, or replicas of different subgraphs
 * starting together), could race to create: IF NOT EXISTS alone lets two creators collide on the
 * catalog's unique name. A transaction advisory lock lets one create it and the other find it.
 */
export async function createTrigramExtension(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`SELECT pg_advisory_xact_lock(hashtextextended('govcloud.extension.pg_trgm', 0))`);
  await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
}
