import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security inspections with their findings and rectifications (第十九条, INSPECTION_RECTIFY) and
 * security incidents with their affected systems and timelines (第十八条, INCIDENT_REPORT).
 * Systems, units and providers belong to other subgraphs: ids only; scope columns indexed.
 */
export class InspectionsAndIncidents1795651200006 implements MigrationInterface {
  name = 'InspectionsAndIncidents1795651200006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "security"."security_inspection" (
        "id" uuid NOT NULL,
        "target_kind" text NOT NULL,
        "provider_id" uuid,
        "system_id" uuid,
        "unit_id" uuid,
        "region_code" varchar(6) NOT NULL,
        "conducted_on" date NOT NULL,
        "scope" text NOT NULL,
        "recorded_by_role" text NOT NULL,
        "joint_role" text NOT NULL,
        "recorded_by" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "security_inspection_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "security_inspection_target_kind_check" CHECK ("target_kind" IN ('PLATFORM', 'SYSTEM')),
        CONSTRAINT "security_inspection_target_check" CHECK (("target_kind" = 'PLATFORM' AND "provider_id" IS NOT NULL AND "system_id" IS NULL AND "unit_id" IS NULL) OR ("target_kind" = 'SYSTEM' AND "system_id" IS NOT NULL AND "unit_id" IS NOT NULL)),
        CONSTRAINT "security_inspection_roles_check" CHECK ("recorded_by_role" IN ('BUREAU', 'CYBERSEC') AND "joint_role" IN ('BUREAU', 'CYBERSEC') AND "recorded_by_role" <> "joint_role")
      )`);
    for (const column of ['provider_id', 'system_id', 'unit_id', 'region_code']) {
      await queryRunner.query(`CREATE INDEX "security_inspection_${column}_idx" ON "security"."security_inspection" ("${column}")`);
    }

    await queryRunner.query(`
      CREATE TABLE "security"."inspection_finding" (
        "id" uuid NOT NULL,
        "inspection_id" uuid NOT NULL,
        "seq" smallint NOT NULL,
        "severity" text NOT NULL,
        "description" text NOT NULL,
        "owner_kind" text NOT NULL,
        "system_id" uuid,
        "unit_id" uuid,
        "provider_id" uuid,
        "region_code" varchar(6) NOT NULL,
        "deadline" date NOT NULL,
        "status" text NOT NULL,
        "submitted_at" timestamptz,
        "submitted_by" text,
        "submission_note" text,
        "closed_at" timestamptz,
        "closed_by" text,
        "verification_note" text,
        "returned_at" timestamptz,
        "returned_by" text,
        "return_reason" text,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "inspection_finding_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "inspection_finding_inspection_seq_key" UNIQUE ("inspection_id", "seq"),
        CONSTRAINT "inspection_finding_inspection_id_fkey" FOREIGN KEY ("inspection_id")
          REFERENCES "security"."security_inspection" ("id") ON DELETE CASCADE,
        CONSTRAINT "inspection_finding_severity_check" CHECK ("severity" IN ('HIGH', 'MEDIUM', 'LOW')),
        CONSTRAINT "inspection_finding_owner_kind_check" CHECK ("owner_kind" IN ('UNIT', 'PROVIDER')),
        CONSTRAINT "inspection_finding_status_check" CHECK ("status" IN ('OPEN', 'SUBMITTED', 'CLOSED')),
        CONSTRAINT "inspection_finding_closed_check" CHECK (("status" = 'CLOSED') = ("closed_at" IS NOT NULL))
      )`);
    for (const column of ['unit_id', 'provider_id', 'system_id', 'region_code']) {
      await queryRunner.query(`CREATE INDEX "inspection_finding_${column}_idx" ON "security"."inspection_finding" ("${column}")`);
    }
    await queryRunner.query(
      `CREATE INDEX "inspection_finding_status_deadline_idx" ON "security"."inspection_finding" ("status", "deadline")`,
    );

    await queryRunner.query(`
      CREATE TABLE "security"."security_incident" (
        "id" uuid NOT NULL,
        "title" text NOT NULL,
        "description" text NOT NULL,
        "severity" text NOT NULL,
        "status" text NOT NULL,
        "reporter_role" text NOT NULL,
        "reported_by" text NOT NULL,
        "provider_id" uuid,
        "unit_id" uuid,
        "region_code" varchar(6) NOT NULL,
        "detected_at" timestamptz NOT NULL,
        "reported_at" timestamptz NOT NULL,
        "detection_to_report_minutes" integer NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "security_incident_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "security_incident_severity_check" CHECK ("severity" IN ('PARTICULARLY_SERIOUS', 'SERIOUS', 'LARGER', 'GENERAL')),
        CONSTRAINT "security_incident_status_check" CHECK ("status" IN ('REPORTED', 'HANDLING', 'RESOLVED')),
        CONSTRAINT "security_incident_reporter_role_check" CHECK ("reporter_role" IN ('PROVIDER', 'USER_UNIT')),
        CONSTRAINT "security_incident_times_check" CHECK ("detected_at" <= "reported_at" AND "detection_to_report_minutes" >= 0)
      )`);
    for (const column of ['provider_id', 'unit_id', 'region_code', 'reported_at']) {
      await queryRunner.query(`CREATE INDEX "security_incident_${column}_idx" ON "security"."security_incident" ("${column}")`);
    }

    await queryRunner.query(`
      CREATE TABLE "security"."incident_system" (
        "incident_id" uuid NOT NULL,
        "system_id" uuid NOT NULL,
        "unit_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        CONSTRAINT "incident_system_pkey" PRIMARY KEY ("incident_id", "system_id"),
        CONSTRAINT "incident_system_incident_id_fkey" FOREIGN KEY ("incident_id")
          REFERENCES "security"."security_incident" ("id") ON DELETE CASCADE
      )`);
    for (const column of ['system_id', 'unit_id', 'region_code']) {
      await queryRunner.query(`CREATE INDEX "incident_system_${column}_idx" ON "security"."incident_system" ("${column}")`);
    }

    await queryRunner.query(`
      CREATE TABLE "security"."incident_update" (
        "id" uuid NOT NULL,
        "incident_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        "author_role" text NOT NULL,
        "author" text NOT NULL,
        "status" text NOT NULL,
        "note" text NOT NULL,
        CONSTRAINT "incident_update_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "incident_update_incident_seq_key" UNIQUE ("incident_id", "seq"),
        CONSTRAINT "incident_update_incident_id_fkey" FOREIGN KEY ("incident_id")
          REFERENCES "security"."security_incident" ("id") ON DELETE CASCADE,
        CONSTRAINT "incident_update_status_check" CHECK ("status" IN ('REPORTED', 'HANDLING', 'RESOLVED'))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "security"."incident_update"`);
    await queryRunner.query(`DROP TABLE "security"."incident_system"`);
    await queryRunner.query(`DROP TABLE "security"."security_incident"`);
    await queryRunner.query(`DROP TABLE "security"."inspection_finding"`);
    await queryRunner.query(`DROP TABLE "security"."security_inspection"`);
  }
}
