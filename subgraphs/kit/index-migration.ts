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
