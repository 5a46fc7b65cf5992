import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A provider's hosted systems and a unit's systems (第三条、第十四条) page in code order under each
 * parent: at scale 100 (19,400 systems, a provider hosting 6,000) a page of 50 per provider read
 * through (provider_id, code) takes 51 index entries per provider (0.15 ms), where the single-column
 * index left a sort of every hosted system (10–120 ms). Each composite replaces its single-column
 * index, which it serves as a prefix (equality lookups and counts).
 */
const INDEXES = [
  ['information_system_provider_id_idx', '"provider_id"', 'information_system_provider_code_idx', '"provider_id", "code"'],
  ['information_system_unit_id_idx', '"unit_id"', 'information_system_unit_code_idx', '"unit_id", "code"'],
] as const;

export class SystemChildListIndexes1796301500002 implements MigrationInterface {
  name = 'SystemChildListIndexes1796301500002';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [oldName, , name, columns] of INDEXES) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "applications"."information_system" (${columns})`);
      await queryRunner.query(`DROP INDEX "applications"."${oldName}"`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [oldName, oldColumns, name] of [...INDEXES].reverse()) {
      await queryRunner.query(`CREATE INDEX "${oldName}" ON "applications"."information_system" (${oldColumns})`);
      await queryRunner.query(`DROP INDEX "applications"."${name}"`);
    }
  }
}
