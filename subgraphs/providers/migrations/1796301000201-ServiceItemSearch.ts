import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTrigramExtension } from '../../kit/index-migration';

/**
 * `serviceItems(filter: { search })` (第八条): a case-insensitive substring of the item's name or code
 * (kit/name-search.ts), served by pg_trgm GIN indexes. The extension stays on down: other indexes use it.
 */
const INDEXES = [
  ['service_item_name_trgm_idx', 'name'],
  ['service_item_code_trgm_idx', 'code'],
] as const;

export class ServiceItemSearch1796301000201 implements MigrationInterface {
  name = 'ServiceItemSearch1796301000201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTrigramExtension(queryRunner);
    for (const [name, column] of INDEXES) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "providers"."service_item" USING gin ("${column}" public.gin_trgm_ops)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "providers"."${name}"`);
  }
}
