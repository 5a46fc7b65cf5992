import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Existing systems still off the cloud (第三条, ON_CLOUD; off-cloud/off-cloud-system.entity.ts):
 * where each runs, its migration plan, an exemption claim citing its legal basis and the bureau's
 * decision, and the cloud system that replaced it.
 */
export class OffCloudSystems1796300200000 implements MigrationInterface {
  name = 'OffCloudSystems1796300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "applications"."off_cloud_system" (
        "id" uuid NOT NULL,
        "unit_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "name" text NOT NULL,
        "description" text NOT NULL,
        "current_location" text NOT NULL,
        "status" text NOT NULL,
        "migration_target_on" date,
        "migration_plan" text,
        "exemption_legal_basis" text,
        "exemption_claimed_on" date,
        "exemption_decision" text,
        "exemption_decision_reason" text,
        "exemption_decided_on" date,
        "exemption_decided_by" text,
        "moved_on" date,
        "replacement_system_id" uuid,
        "replacement_application_id" uuid,
        "registered_on" date NOT NULL,
        "registered_at" timestamptz NOT NULL,
        "registered_by" text NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "off_cloud_system_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "off_cloud_system_status_check" CHECK ("status" IN ('UNPLANNED', 'PLANNED', 'EXEMPTION_CLAIMED', 'EXEMPT', 'MOVED')),
        CONSTRAINT "off_cloud_system_exemption_decision_check" CHECK ("exemption_decision" IN ('ACCEPTED', 'REFUSED')),
        CONSTRAINT "off_cloud_system_legal_basis_check" CHECK ("exemption_legal_basis" IS NULL OR btrim("exemption_legal_basis") <> ''),
        CONSTRAINT "off_cloud_system_status_fields_check" CHECK (
          ("status" <> 'PLANNED' OR "migration_target_on" IS NOT NULL)
          AND ("status" <> 'EXEMPTION_CLAIMED' OR ("exemption_legal_basis" IS NOT NULL AND "exemption_decision" IS NULL))
          AND ("status" <> 'EXEMPT' OR ("exemption_legal_basis" IS NOT NULL AND "exemption_decision" = 'ACCEPTED'))
          AND (("status" = 'MOVED') = ("moved_on" IS NOT NULL AND "replacement_system_id" IS NOT NULL))),
        CONSTRAINT "off_cloud_system_unit_id_fkey" FOREIGN KEY ("unit_id")
          REFERENCES "applications"."unit" ("id") ON DELETE RESTRICT,
        CONSTRAINT "off_cloud_system_replacement_system_id_fkey" FOREIGN KEY ("replacement_system_id")
          REFERENCES "applications"."information_system" ("id") ON DELETE RESTRICT,
        CONSTRAINT "off_cloud_system_replacement_application_id_fkey" FOREIGN KEY ("replacement_application_id")
          REFERENCES "applications"."application" ("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "off_cloud_system_unit_id_idx" ON "applications"."off_cloud_system" ("unit_id")`);
    await queryRunner.query(`CREATE INDEX "off_cloud_system_region_code_idx" ON "applications"."off_cloud_system" ("region_code")`);
    await queryRunner.query(
      `CREATE INDEX "off_cloud_system_registered_at_idx" ON "applications"."off_cloud_system" ("registered_at", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "off_cloud_system_target_on_idx" ON "applications"."off_cloud_system" ("migration_target_on")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."off_cloud_system"`);
  }
}
