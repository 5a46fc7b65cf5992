import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An exit heard of keeps its scope (第九条): a county's, when the provider leaves one county only, or
 * none for a city-wide exit. Procurement, test delivery and go-live are refused against it, so an
 * application is not taken live on a provider exiting its county. Notices heard before kept no scope;
 * they stay null and read as city-wide, the safe side: the provider has stopped taking work somewhere.
 */
export class ExitNoticeRegion1796302300000 implements MigrationInterface {
  name = 'ExitNoticeRegion1796302300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."exit_notice" ADD "region_code" character varying(6)`);
    await queryRunner.query(`CREATE INDEX "exit_notice_provider_idx" ON "applications"."exit_notice" ("provider_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "applications"."exit_notice_provider_idx"`);
    await queryRunner.query(`ALTER TABLE "applications"."exit_notice" DROP COLUMN "region_code"`);
  }
}
