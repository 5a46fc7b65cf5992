import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The filters and orders of `overdueRectifications(filter:)` (第十九条) and `mlpsRecords(filter:)`
 * (第二十一条、第二十二条) that no index served yet: open rectifications by deadline (the list's
 * order, the id as tiebreak), findings by severity, records by filing and last-assessment day.
 */
const INDEXES = [
  ['inspection_finding_open_deadline_idx', 'inspection_finding', `("deadline", "id") WHERE "status" <> 'CLOSED'`],
  ['inspection_finding_severity_idx', 'inspection_finding', '("severity")'],
  ['mlps_record_filed_on_idx', 'mlps_record', '("filed_on")'],
  ['mlps_record_last_assessed_on_idx', 'mlps_record', '("last_assessed_on")'],
] as const;

export class SecurityListFilters1796301000100 implements MigrationInterface {
  name = 'SecurityListFilters1796301000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, table, columns] of INDEXES) await queryRunner.query(`CREATE INDEX "${name}" ON "security"."${table}" ${columns}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "security"."${name}"`);
  }
}
