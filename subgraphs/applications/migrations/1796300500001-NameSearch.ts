import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTrigramExtension } from '../../kit/index-migration';

/**
 * Name search for units and systems (`filter.search`, kit/name-search.ts): ILIKE '%…%' on the name
 * and the code, served by pg_trgm GIN indexes. The extension is shared by every subgraph that
 * searches, so `down` leaves it in place and drops only these indexes.
 */
const INDEXES = [
  ['unit_name_trgm_idx', 'unit', 'name'],
  ['unit_code_trgm_idx', 'unit', 'code'],
  ['information_system_name_trgm_idx', 'information_system', 'name'],
  ['information_system_code_trgm_idx', 'information_system', 'code'],
] as const;

export class NameSearch1796300500001 implements MigrationInterface {
  name = 'NameSearch1796300500001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTrigramExtension(queryRunner);
    for (const [name, table, column] of INDEXES) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "applications"."${table}" USING gin ("${column}" public.gin_trgm_ops)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "applications"."${name}"`);
  }
}
