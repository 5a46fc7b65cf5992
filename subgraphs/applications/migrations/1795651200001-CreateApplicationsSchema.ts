import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units, information systems and applications (第三条、第十条–第十六条). Providers live in another
 * subgraph, so provider_id has no foreign key; region_code, unit_id and provider_id are indexed
 * because every scoped query filters on them.
 */
export class CreateApplicationsSchema1795651200001 implements MigrationInterface {
  name = 'CreateApplicationsSchema1795651200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "applications"."unit" (
        "id" uuid NOT NULL,
        "code" text NOT NULL,
        "name" text NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "unified_social_credit_code" char(18) NOT NULL,
        "contact_name" text NOT NULL,
        "contact_phone" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "unit_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "unit_code_key" UNIQUE ("code"),
        CONSTRAINT "unit_uscc_key" UNIQUE ("unified_social_credit_code")
      )`);
    await queryRunner.query(`CREATE INDEX "unit_region_code_idx" ON "applications"."unit" ("region_code")`);

    await queryRunner.query(`
      CREATE TABLE "applications"."information_system" (
        "id" uuid NOT NULL,
        "code" text NOT NULL,
        "name" text NOT NULL,
        "unit_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "provider_id" uuid,
        "deployment_mode" text NOT NULL,
        "exemption_legal_basis" text,
        "load_varies_widely" boolean NOT NULL DEFAULT false,
        "legacy_system_name" text,
        "legacy_shutdown_on" date,
        "go_live_on" date,
        "retired_on" date,
        "is_disaster_recovery" boolean NOT NULL DEFAULT false,
        "is_standby" boolean NOT NULL DEFAULT false,
        "primary_system_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "information_system_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "information_system_code_key" UNIQUE ("code"),
        CONSTRAINT "information_system_deployment_mode_check" CHECK ("deployment_mode" IN ('ON_CLOUD', 'MIGRATING', 'EXEMPT')),
        CONSTRAINT "information_system_exemption_check" CHECK (("deployment_mode" = 'EXEMPT') = ("exemption_legal_basis" IS NOT NULL)),
        CONSTRAINT "information_system_provider_check" CHECK ("deployment_mode" = 'EXEMPT' OR "provider_id" IS NOT NULL),
        CONSTRAINT "information_system_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "applications"."unit" ("id") ON DELETE RESTRICT,
        CONSTRAINT "information_system_primary_system_id_fkey" FOREIGN KEY ("primary_system_id") REFERENCES "applications"."information_system" ("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX "information_system_unit_id_idx" ON "applications"."information_system" ("unit_id")`);
    await queryRunner.query(`CREATE INDEX "information_system_region_code_idx" ON "applications"."information_system" ("region_code")`);
    await queryRunner.query(`CREATE INDEX "information_system_provider_id_idx" ON "applications"."information_system" ("provider_id")`);

    await queryRunner.query(`
      CREATE TABLE "applications"."application" (
        "id" uuid NOT NULL,
        "number" text NOT NULL,
        "kind" text NOT NULL,
        "status" text NOT NULL,
        "unit_id" uuid NOT NULL,
        "system_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "submitted_on" date,
        "filed_on" date,
        "decided_on" date,
        "rejection_reason" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "application_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "application_number_key" UNIQUE ("number"),
        CONSTRAINT "application_kind_check" CHECK ("kind" IN ('NEW', 'MIGRATION')),
        CONSTRAINT "application_status_check" CHECK ("status" IN ('DRAFT', 'SUBMITTED', 'FILED', 'ACCEPTED', 'REJECTED', 'PROCURED', 'TESTING', 'IN_PRODUCTION', 'TERMINATING', 'TERMINATED')),
        CONSTRAINT "application_rejection_reason_check" CHECK ("status" <> 'REJECTED' OR "rejection_reason" IS NOT NULL),
        CONSTRAINT "application_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "applications"."unit" ("id") ON DELETE RESTRICT,
        CONSTRAINT "application_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "applications"."information_system" ("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "application_unit_id_idx" ON "applications"."application" ("unit_id")`);
    await queryRunner.query(`CREATE INDEX "application_system_id_idx" ON "applications"."application" ("system_id")`);
    await queryRunner.query(`CREATE INDEX "application_region_code_idx" ON "applications"."application" ("region_code")`);
    await queryRunner.query(`CREATE INDEX "application_provider_id_idx" ON "applications"."application" ("provider_id")`);
    await queryRunner.query(`CREATE INDEX "application_status_idx" ON "applications"."application" ("status")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."application"`);
    await queryRunner.query(`DROP TABLE "applications"."information_system"`);
    await queryRunner.query(`DROP TABLE "applications"."unit"`);
  }
}
