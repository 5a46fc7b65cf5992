import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A county's page of applications (第四条: a county sees its own) is `WHERE region_code = $1 ORDER BY
 * number, id LIMIT n`: on the region's index alone PostgreSQL walked the number index and dropped
 * other regions' rows (568 for a page of 50 at scale 100). (region_code, number, id) reads the
 * page in order and still serves the region's count, so it replaces the region index.
 */
export class ApplicationRegionPage1796302100000 implements MigrationInterface {
  name = 'ApplicationRegionPage1796302100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "application_region_number_idx" ON "applications"."application" ("region_code", "number", "id")`);
    await queryRunner.query(`DROP INDEX "applications"."application_region_code_idx"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "application_region_code_idx" ON "applications"."application" ("region_code")`);
    await queryRunner.query(`DROP INDEX "applications"."application_region_number_idx"`);
  }
}
