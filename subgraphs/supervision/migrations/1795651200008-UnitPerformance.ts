import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Annual user-unit performance evaluations and their results (UNIT_PERFORMANCE, 第二十六条). Units
 * live in the applications subgraph: referenced by id, no foreign key. Published evaluations and
 * results never change: triggers refuse their update and delete, whatever code path tries.
 */
export class UnitPerformance1795651200008 implements MigrationInterface {
  name = 'UnitPerformance1795651200008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "supervision"."unit_performance_evaluation" (
        "id" uuid NOT NULL,
        "year" integer NOT NULL,
        "status" text NOT NULL,
        "reference_date" date NOT NULL,
        "unit_count" integer NOT NULL,
        "evaluated_at" timestamptz NOT NULL,
        "evaluated_by" text NOT NULL,
        "published_at" timestamptz,
        "published_by" text,
        CONSTRAINT "unit_performance_evaluation_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "unit_performance_evaluation_year_key" UNIQUE ("year"),
        CONSTRAINT "unit_performance_evaluation_status_check" CHECK ("status" IN ('DRAFT', 'PUBLISHED')),
        CONSTRAINT "unit_performance_evaluation_published_check" CHECK (("status" = 'PUBLISHED') = ("published_at" IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE "supervision"."unit_performance_result" (
        "id" uuid NOT NULL,
        "evaluation_id" uuid NOT NULL,
        "year" integer NOT NULL,
        "unit_id" uuid NOT NULL,
        "unit_code" text NOT NULL,
        "unit_name" text NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "systems" integer NOT NULL,
        "evaluated_systems" integer NOT NULL,
        "system_days" integer NOT NULL,
        "idle_days" integer NOT NULL,
        "under_used_days" integer NOT NULL,
        "live_systems" integer NOT NULL,
        "mlps_overdue_systems" integer NOT NULL,
        "open_rectifications" integer NOT NULL,
        "overdue_rectifications" integer NOT NULL,
        "access_violations" integer NOT NULL,
        "incidents" integer NOT NULL,
        "serious_incidents" integer NOT NULL,
        "resource_use_score" numeric(5,2),
        "security_score" numeric(5,2) NOT NULL,
        "mlps_score" numeric(5,2) NOT NULL,
        "computed_total_score" numeric(5,2) NOT NULL,
        "computed_grade" text NOT NULL,
        "total_score" numeric(5,2) NOT NULL,
        "grade" text NOT NULL,
        "adjustment_reason" text,
        "adjusted_by" text,
        "adjusted_at" timestamptz,
        "published_at" timestamptz,
        CONSTRAINT "unit_performance_result_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "unit_performance_result_year_unit_key" UNIQUE ("year", "unit_id"),
        CONSTRAINT "unit_performance_result_grade_check" CHECK ("grade" IN ('EXCELLENT', 'GOOD', 'FAIR', 'POOR') AND "computed_grade" IN ('EXCELLENT', 'GOOD', 'FAIR', 'POOR')),
        CONSTRAINT "unit_performance_result_adjustment_check" CHECK (("adjustment_reason" IS NULL) = ("adjusted_at" IS NULL)),
        CONSTRAINT "unit_performance_result_evaluation_id_fkey" FOREIGN KEY ("evaluation_id")
          REFERENCES "supervision"."unit_performance_evaluation" ("id") ON DELETE CASCADE
      )`);
    for (const column of ['evaluation_id', 'unit_id', 'region_code']) {
      await queryRunner.query(
        `CREATE INDEX "unit_performance_result_${column}_idx" ON "supervision"."unit_performance_result" ("${column}")`,
      );
    }
    // 第二十六条 按年度予以通报: a circulated result is a record; nothing rewrites it.
    await queryRunner.query(`
      CREATE FUNCTION "supervision"."unit_performance_evaluation_published_is_final"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'PUBLISHED' THEN
          RAISE EXCEPTION 'a published unit performance evaluation never changes (UNIT_PERFORMANCE)' USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "supervision"."unit_performance_result_published_is_final"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.published_at IS NOT NULL THEN
          RAISE EXCEPTION 'a published unit performance result never changes (UNIT_PERFORMANCE)' USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    for (const table of ['unit_performance_evaluation', 'unit_performance_result']) {
      await queryRunner.query(`
        CREATE TRIGGER "${table}_published_is_final" BEFORE UPDATE OR DELETE ON "supervision"."${table}"
        FOR EACH ROW EXECUTE FUNCTION "supervision"."${table}_published_is_final"()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "supervision"."unit_performance_result"`);
    await queryRunner.query(`DROP TABLE "supervision"."unit_performance_evaluation"`);
    await queryRunner.query(`DROP FUNCTION "supervision"."unit_performance_result_published_is_final"()`);
    await queryRunner.query(`DROP FUNCTION "supervision"."unit_performance_evaluation_published_is_final"()`);
  }
}
