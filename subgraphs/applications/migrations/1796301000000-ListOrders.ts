import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The orders `systems`, `units` and `settlements(orderBy:)` offer (第三条、第四条、第十六条): each
 * column with the id as its tiebreak. A column without nulls is read either way from one index; a
 * nullable day (go-live, confirmation) keeps its rows without one last either way, so it has a
 * descending index too.
 */
const INDEXES = [
  ['information_system_code_order_idx', 'information_system', '"code", "id"'],
  ['information_system_name_order_idx', 'information_system', '"name", "id"'],
  ['information_system_region_order_idx', 'information_system', '"region_code", "id"'],
  ['information_system_go_live_on_idx', 'information_system', '"go_live_on", "id"'],
  ['information_system_go_live_on_desc_idx', 'information_system', '"go_live_on" DESC NULLS LAST, "id" DESC'],
  ['unit_code_order_idx', 'unit', '"code", "id"'],
  ['unit_name_order_idx', 'unit', '"name", "id"'],
  ['unit_region_order_idx', 'unit', '"region_code", "id"'],
  ['settlement_number_order_idx', 'settlement', '"number", "id"'],
  ['settlement_year_order_idx', 'settlement', '"year", "id"'],
  ['settlement_region_order_idx', 'settlement', '"region_code", "id"'],
  ['settlement_confirmed_on_idx', 'settlement', '"confirmed_on", "id"'],
  ['settlement_confirmed_on_desc_idx', 'settlement', '"confirmed_on" DESC NULLS LAST, "id" DESC'],
] as const;

export class ListOrders1796301000000 implements MigrationInterface {
  name = 'ListOrders1796301000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, table, columns] of INDEXES)
      await queryRunner.query(`CREATE INDEX "${name}" ON "applications"."${table}" (${columns})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "applications"."${name}"`);
  }
}
