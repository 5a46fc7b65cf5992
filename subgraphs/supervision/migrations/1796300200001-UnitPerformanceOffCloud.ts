import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit's existing systems still off the cloud count in its annual performance evaluation
 * (ON_CLOUD 第三条, UNIT_PERFORMANCE 第二十六条): the figures a result was scored on and the points
 * taken off for them. Results before this carry 0: nothing was deducted then.
 */
export class UnitPerformanceOffCloud1796300200001 implements MigrationInterface {
  name = 'UnitPerformanceOffCloud1796300200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "supervision"."unit_performance_result"
        ADD COLUMN "off_cloud_systems" integer NOT NULL DEFAULT 0,
        ADD COLUMN "overdue_off_cloud_systems" integer NOT NULL DEFAULT 0,
        ADD COLUMN "off_cloud_deduction" numeric(5,2) NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "supervision"."unit_performance_result"
        DROP COLUMN "off_cloud_deduction",
        DROP COLUMN "overdue_off_cloud_systems",
        DROP COLUMN "off_cloud_systems"`);
  }
}
