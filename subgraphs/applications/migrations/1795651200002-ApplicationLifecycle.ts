import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application lifecycle (第十条–第十五条): the version for optimistic concurrency, the dates
 * and reasons of each step, resource lines, the four materials, the audit trail, change requests
 * and termination steps. Children cascade with their application, which is never deleted in use.
 */
export class ApplicationLifecycle1795651200002 implements MigrationInterface {
  name = 'ApplicationLifecycle1795651200002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "applications"."application"
        ADD "version" integer NOT NULL DEFAULT 1,
        ADD "decision_due_on" date,
        ADD "decision_due_estimated" boolean NOT NULL DEFAULT false,
        ADD "decision_late" boolean,
        ADD "procured_on" date,
        ADD "test_started_on" date,
        ADD "test_extension_reason" text,
        ADD "test_ended_on" date,
        ADD "go_live_on" date,
        ADD "termination_reported_on" date,
        ADD "termination_reason" text,
        ADD "terminated_on" date,
        ADD CONSTRAINT "application_version_check" CHECK ("version" > 0)`);

    await queryRunner.query(`
      CREATE TABLE "applications"."application_resource_line" (
        "id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "catalog_entry_id" uuid NOT NULL,
        "quantity" integer NOT NULL,
        "quantity_max" integer NOT NULL,
        "concluded_price_yuan" numeric(12,2),
        CONSTRAINT "application_resource_line_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "application_resource_line_quantity_check" CHECK ("quantity" > 0 AND "quantity_max" >= "quantity"),
        CONSTRAINT "application_resource_line_price_check" CHECK ("concluded_price_yuan" IS NULL OR "concluded_price_yuan" >= 0),
        CONSTRAINT "application_resource_line_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"."application" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "application_resource_line_application_id_idx" ON "applications"."application_resource_line" ("application_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "applications"."application_material" (
        "id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "file_name" text NOT NULL,
        "content_hash" char(64) NOT NULL,
        "size_bytes" bigint NOT NULL,
        "uploaded_by" text NOT NULL,
        "uploaded_at" timestamptz NOT NULL,
        CONSTRAINT "application_material_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "application_material_kind_key" UNIQUE ("application_id", "kind"),
        CONSTRAINT "application_material_kind_check" CHECK ("kind" IN ('CONSTRUCTION_PLAN', 'SELF_TEST_REPORT', 'RESOURCE_REQUEST_FORM', 'SECURITY_RESPONSIBILITY_LETTER')),
        CONSTRAINT "application_material_size_check" CHECK ("size_bytes" >= 0),
        CONSTRAINT "application_material_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"."application" ("id") ON DELETE CASCADE
      )`);

    await queryRunner.query(`
      CREATE TABLE "applications"."application_event" (
        "id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "action" text NOT NULL,
        "from_status" text,
        "to_status" text NOT NULL,
        "actor_subject" text NOT NULL,
        "actor_role" text NOT NULL,
        "reason" text,
        "occurred_at" timestamptz NOT NULL,
        CONSTRAINT "application_event_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "application_event_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"."application" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "application_event_application_id_idx" ON "applications"."application_event" ("application_id", "occurred_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "applications"."change_request" (
        "id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "description" text NOT NULL,
        "status" text NOT NULL,
        "requested_by" text NOT NULL,
        "requested_at" timestamptz NOT NULL,
        "decided_by" text,
        "decided_at" timestamptz,
        "decision_reason" text,
        CONSTRAINT "change_request_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "change_request_status_check" CHECK ("status" IN ('PENDING', 'APPROVED', 'REJECTED')),
        CONSTRAINT "change_request_decision_check" CHECK (("status" = 'PENDING') = ("decided_at" IS NULL)),
        CONSTRAINT "change_request_rejection_reason_check" CHECK ("status" <> 'REJECTED' OR "decision_reason" IS NOT NULL),
        CONSTRAINT "change_request_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"."application" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "change_request_application_id_idx" ON "applications"."change_request" ("application_id")`);

    await queryRunner.query(`
      CREATE TABLE "applications"."termination_step" (
        "id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "step" text NOT NULL,
        "confirmed_by" text NOT NULL,
        "confirmed_by_role" text NOT NULL,
        "confirmed_on" date NOT NULL,
        "confirmed_at" timestamptz NOT NULL,
        CONSTRAINT "termination_step_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "termination_step_application_step_key" UNIQUE ("application_id", "step"),
        CONSTRAINT "termination_step_step_check" CHECK ("step" IN ('SHUTDOWN', 'DATA_CLEARANCE', 'RESOURCE_RECOVERY')),
        CONSTRAINT "termination_step_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"."application" ("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['termination_step', 'change_request', 'application_event', 'application_material', 'application_resource_line']) {
      await queryRunner.query(`DROP TABLE "applications"."${table}"`);
    }
    await queryRunner.query(`
      ALTER TABLE "applications"."application"
        DROP CONSTRAINT "application_version_check",
        DROP COLUMN "version",
        DROP COLUMN "decision_due_on",
        DROP COLUMN "decision_due_estimated",
        DROP COLUMN "decision_late",
        DROP COLUMN "procured_on",
        DROP COLUMN "test_started_on",
        DROP COLUMN "test_extension_reason",
        DROP COLUMN "test_ended_on",
        DROP COLUMN "go_live_on",
        DROP COLUMN "termination_reported_on",
        DROP COLUMN "termination_reason",
        DROP COLUMN "terminated_on"`);
  }
}
