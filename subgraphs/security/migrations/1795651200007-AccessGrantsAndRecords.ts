import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access grants and providers' access records (第二十三条, AUTHORIZED_ACCESS). The scope columns
 * (region_code, unit_id, provider_id) are copied from the system facts and indexed; grants are
 * matched on (system_id, resource_kind, staff_account); a provider's log id is unique per provider.
 */
export class AccessGrantsAndRecords1795651200007 implements MigrationInterface {
  name = 'AccessGrantsAndRecords1795651200007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "security"."access_grant" (
        "id" uuid NOT NULL,
        "system_id" uuid NOT NULL,
        "unit_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "resource_kind" text NOT NULL,
        "staff_name" text NOT NULL,
        "staff_account" text NOT NULL,
        "purpose" text NOT NULL,
        "valid_from" timestamptz NOT NULL,
        "valid_until" timestamptz NOT NULL,
        "granted_at" timestamptz NOT NULL,
        "granted_by" text NOT NULL,
        "revoked_at" timestamptz,
        "revoked_by" text,
        CONSTRAINT "access_grant_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "access_grant_resource_kind_check" CHECK ("resource_kind" IN ('HOST', 'DATABASE', 'STORAGE')),
        CONSTRAINT "access_grant_period_check" CHECK ("valid_until" > "valid_from"),
        CONSTRAINT "access_grant_revoked_check" CHECK (("revoked_at" IS NULL) = ("revoked_by" IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "access_grant_match_idx" ON "security"."access_grant" ("system_id", "resource_kind", "staff_account")`,
    );
    for (const column of ['unit_id', 'provider_id', 'region_code', 'granted_at']) {
      await queryRunner.query(`CREATE INDEX "access_grant_${column}_idx" ON "security"."access_grant" ("${column}")`);
    }

    await queryRunner.query(`
      CREATE TABLE "security"."access_record" (
        "id" uuid NOT NULL,
        "submission_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "system_id" uuid NOT NULL,
        "unit_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "resource_kind" text NOT NULL,
        "staff_account" text NOT NULL,
        "accessed_at" timestamptz NOT NULL,
        "action" text NOT NULL,
        "external_id" text NOT NULL,
        "grant_id" uuid,
        "violation" boolean NOT NULL,
        "submitted_at" timestamptz NOT NULL,
        "submitted_by" text NOT NULL,
        CONSTRAINT "access_record_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "access_record_provider_external_key" UNIQUE ("provider_id", "external_id"),
        CONSTRAINT "access_record_resource_kind_check" CHECK ("resource_kind" IN ('HOST', 'DATABASE', 'STORAGE')),
        CONSTRAINT "access_record_violation_check" CHECK ("violation" = ("grant_id" IS NULL)),
        CONSTRAINT "access_record_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "security"."access_grant" ("id") ON DELETE RESTRICT
      )`);
    for (const column of ['system_id', 'unit_id', 'region_code', 'submission_id', 'accessed_at']) {
      await queryRunner.query(`CREATE INDEX "access_record_${column}_idx" ON "security"."access_record" ("${column}")`);
    }
    await queryRunner.query(
      `CREATE INDEX "access_record_violation_accessed_at_idx" ON "security"."access_record" ("violation", "accessed_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "security"."access_record"`);
    await queryRunner.query(`DROP TABLE "security"."access_grant"`);
  }
}
