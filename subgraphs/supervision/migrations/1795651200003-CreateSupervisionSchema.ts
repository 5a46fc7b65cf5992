import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily monitoring roll-ups per system and annual provider evaluations (第二十四条–第二十六条).
 * Systems and providers belong to other subgraphs: referenced by id, no foreign keys; the scope
 * columns are indexed, and (system_id, day) serves both the per-system list and the utilisation window.
 */
export class CreateSupervisionSchema1795651200003 implements MigrationInterface {
  name = 'CreateSupervisionSchema1795651200003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "supervision"."monitoring_daily" (
        "id" uuid NOT NULL,
        "system_id" uuid NOT NULL,
        "day" date NOT NULL,
        "unit_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "cpu_avg_percent" numeric(5,2) NOT NULL,
        "cpu_p95_percent" numeric(5,2) NOT NULL,
        "memory_avg_percent" numeric(5,2) NOT NULL,
        "storage_used_gb" numeric(12,2) NOT NULL,
        "bandwidth_p95_mbps" numeric(10,2) NOT NULL,
        CONSTRAINT "monitoring_daily_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "monitoring_daily_system_day_key" UNIQUE ("system_id", "day"),
        CONSTRAINT "monitoring_daily_percent_check" CHECK ("cpu_avg_percent" BETWEEN 0 AND 100 AND "cpu_p95_percent" BETWEEN 0 AND 100 AND "memory_avg_percent" BETWEEN 0 AND 100),
        CONSTRAINT "monitoring_daily_amount_check" CHECK ("storage_used_gb" >= 0 AND "bandwidth_p95_mbps" >= 0)
      )`);
    for (const column of ['unit_id', 'provider_id', 'region_code']) {
      await queryRunner.query(`CREATE INDEX "monitoring_daily_${column}_idx" ON "supervision"."monitoring_daily" ("${column}")`);
    }

    await queryRunner.query(`
      CREATE TABLE "supervision"."provider_evaluation" (
        "id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "year" integer NOT NULL,
        "platform_operation_score" numeric(5,2) NOT NULL,
        "security_score" numeric(5,2) NOT NULL,
        "operations_management_score" numeric(5,2) NOT NULL,
        "service_level_score" numeric(5,2) NOT NULL,
        "service_quality_score" numeric(5,2) NOT NULL,
        "total_score" numeric(5,2) NOT NULL,
        "grade" text NOT NULL,
        "evaluated_on" date NOT NULL,
        "rectification_due_on" date,
        "rectified_on" date,
        "remarks" text NOT NULL,
        CONSTRAINT "provider_evaluation_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "provider_evaluation_provider_year_key" UNIQUE ("provider_id", "year"),
        CONSTRAINT "provider_evaluation_grade_check" CHECK ("grade" IN ('EXCELLENT', 'GOOD', 'FAIR', 'POOR', 'SEVERE')),
        CONSTRAINT "provider_evaluation_score_check" CHECK ("platform_operation_score" BETWEEN 0 AND 100 AND "security_score" BETWEEN 0 AND 100 AND "operations_management_score" BETWEEN 0 AND 100 AND "service_level_score" BETWEEN 0 AND 100 AND "service_quality_score" BETWEEN 0 AND 100 AND "total_score" BETWEEN 0 AND 100),
        CONSTRAINT "provider_evaluation_rectification_check" CHECK ("grade" <> 'POOR' OR "rectification_due_on" IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX "provider_evaluation_year_idx" ON "supervision"."provider_evaluation" ("year")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "supervision"."provider_evaluation"`);
    await queryRunner.query(`DROP TABLE "supervision"."monitoring_daily"`);
  }
}
