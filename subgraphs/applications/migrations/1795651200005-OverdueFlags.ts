import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Overdue flags (逾期记录): the scheduled job `applications.flagOverdue` records each case the day it
 * is found past its deadline — DECISION_5WD (第十二条), TEST_30D (第十三条), LEGACY_3M (第十四条).
 * One row per application, rule and deadline, so the job may run any number of times.
 */
export class OverdueFlags1795651200005 implements MigrationInterface {
  name = 'OverdueFlags1795651200005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "applications"."overdue_flag" (
        "id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "system_id" uuid NOT NULL,
        "rule" text NOT NULL,
        "due_on" date NOT NULL,
        "flagged_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "overdue_flag_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "overdue_flag_subject_rule_due_key" UNIQUE ("application_id", "rule", "due_on"),
        CONSTRAINT "overdue_flag_rule_check" CHECK ("rule" IN ('DECISION_5WD', 'TEST_30D', 'LEGACY_3M')),
        CONSTRAINT "overdue_flag_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"."application" ("id") ON DELETE CASCADE,
        CONSTRAINT "overdue_flag_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "applications"."information_system" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "overdue_flag_system_id_idx" ON "applications"."overdue_flag" ("system_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."overdue_flag"`);
  }
}
