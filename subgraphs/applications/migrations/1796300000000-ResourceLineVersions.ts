import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Resource lines become versions (第十五条、第十六条): each line names the provider billed for it
 * (backfilled from its application's provider), the days it is in force — from `effective_from`
 * (null: from the application's go-live) to `effective_until` inclusive (null: open) — and the
 * change request that introduced it (CHANGE_APPROVAL).
 */
export class ResourceLineVersions1796300000000 implements MigrationInterface {
  name = 'ResourceLineVersions1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "applications"."application_resource_line"
        ADD "provider_id" uuid,
        ADD "effective_from" date,
        ADD "effective_until" date,
        ADD "change_request_id" uuid`);
    await queryRunner.query(`
      UPDATE "applications"."application_resource_line" l
         SET "provider_id" = a."provider_id"
        FROM "applications"."application" a
       WHERE a."id" = l."application_id"`);
    await queryRunner.query(`ALTER TABLE "applications"."application_resource_line" ALTER COLUMN "provider_id" SET NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE "applications"."application_resource_line"
        ADD CONSTRAINT "application_resource_line_effective_check"
          CHECK ("effective_until" IS NULL OR "effective_from" IS NULL OR "effective_until" >= "effective_from"),
        ADD CONSTRAINT "application_resource_line_change_request_id_fkey"
          FOREIGN KEY ("change_request_id") REFERENCES "applications"."change_request"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(
      `CREATE INDEX "application_resource_line_application_id_effective_until_idx" ON "applications"."application_resource_line" ("application_id", "effective_until")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "applications"."application_resource_line_application_id_effective_until_idx"`);
    await queryRunner.query(`
      ALTER TABLE "applications"."application_resource_line"
        DROP CONSTRAINT "application_resource_line_change_request_id_fkey",
        DROP CONSTRAINT "application_resource_line_effective_check",
        DROP COLUMN "change_request_id",
        DROP COLUMN "effective_until",
        DROP COLUMN "effective_from",
        DROP COLUMN "provider_id"`);
  }
}
