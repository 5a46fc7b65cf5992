import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `unitPerformanceResults(year:, filter: { grade })` (第二十六条): a year's results by grade. */
export class UnitPerformanceListFilters1796301800002 implements MigrationInterface {
  name = 'UnitPerformanceListFilters1796301800002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "unit_performance_result_year_grade_idx" ON "supervision"."unit_performance_result" ("year", "grade")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "supervision"."unit_performance_result_year_grade_idx"`);
  }
}
