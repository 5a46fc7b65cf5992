import type { MigrationInterface, QueryRunner } from 'typeorm';

const OBJECTS = `('CITIZENS', 'SOCIETY', 'NATION')`;
const DEGREES = `('GENERAL', 'SERIOUS', 'ESPECIALLY_SERIOUS')`;

/**
 * MLPS grading by the two harm dimensions with expert review and filing (第二十一条; GB/T 22240-2020),
 * the history of gradings and every assessment (第二十二条, MLPS_6M). Records graded before keep
 * null dimensions; scope columns (region_code, unit_id, provider_id) are indexed.
 */
export class MlpsGradingAndAssessments1795651200005 implements MigrationInterface {
  name = 'MlpsGradingAndAssessments1795651200005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "security"."mlps_record"
        ADD COLUMN "business_harmed_object" text,
        ADD COLUMN "business_harm_degree" text,
        ADD COLUMN "service_harmed_object" text,
        ADD COLUMN "service_harm_degree" text,
        ADD COLUMN "graded_by" text,
        ADD COLUMN "graded_at" timestamptz,
        ADD COLUMN "expert_reviewed_on" date,
        ADD COLUMN "expert_review_opinion" text,
        ADD COLUMN "filed_by" text,
        ADD COLUMN "filing_recorded_at" timestamptz,
        ADD COLUMN "version" integer NOT NULL DEFAULT 1,
        ADD CONSTRAINT "mlps_record_business_object_check" CHECK ("business_harmed_object" IS NULL OR "business_harmed_object" IN ${OBJECTS}),
        ADD CONSTRAINT "mlps_record_business_degree_check" CHECK ("business_harm_degree" IS NULL OR "business_harm_degree" IN ${DEGREES}),
        ADD CONSTRAINT "mlps_record_service_object_check" CHECK ("service_harmed_object" IS NULL OR "service_harmed_object" IN ${OBJECTS}),
        ADD CONSTRAINT "mlps_record_service_degree_check" CHECK ("service_harm_degree" IS NULL OR "service_harm_degree" IN ${DEGREES})`);

    await queryRunner.query(`
      CREATE TABLE "security"."mlps_grading" (
        "id" uuid NOT NULL,
        "mlps_record_id" uuid NOT NULL,
        "system_id" uuid NOT NULL,
        "unit_id" uuid NOT NULL,
        "provider_id" uuid,
        "region_code" varchar(6) NOT NULL,
        "level" smallint NOT NULL,
        "business_harmed_object" text NOT NULL,
        "business_harm_degree" text NOT NULL,
        "business_level" smallint NOT NULL,
        "service_harmed_object" text NOT NULL,
        "service_harm_degree" text NOT NULL,
        "service_level" smallint NOT NULL,
        "expert_reviewed_on" date,
        "expert_review_opinion" text,
        "platform_mlps_level" smallint,
        "reason" text,
        "graded_by" text NOT NULL,
        "graded_at" timestamptz NOT NULL,
        CONSTRAINT "mlps_grading_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "mlps_grading_level_check" CHECK ("level" BETWEEN 1 AND 5 AND "level" = GREATEST("business_level", "service_level")),
        CONSTRAINT "mlps_grading_mlps_record_id_fkey" FOREIGN KEY ("mlps_record_id")
          REFERENCES "security"."mlps_record" ("id") ON DELETE CASCADE
      )`);
    for (const column of ['mlps_record_id', 'unit_id', 'provider_id', 'region_code']) {
      await queryRunner.query(`CREATE INDEX "mlps_grading_${column}_idx" ON "security"."mlps_grading" ("${column}")`);
    }

    await queryRunner.query(`
      CREATE TABLE "security"."mlps_assessment" (
        "id" uuid NOT NULL,
        "mlps_record_id" uuid NOT NULL,
        "system_id" uuid NOT NULL,
        "unit_id" uuid NOT NULL,
        "provider_id" uuid,
        "region_code" varchar(6) NOT NULL,
        "level" smallint NOT NULL,
        "agency_name" text NOT NULL,
        "agency_licence_no" text NOT NULL,
        "assessed_on" date NOT NULL,
        "score" numeric(5,2) NOT NULL,
        "conclusion" text NOT NULL,
        "high_risk_findings" integer NOT NULL,
        "medium_risk_findings" integer NOT NULL,
        "low_risk_findings" integer NOT NULL,
        "recorded_by" text NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        CONSTRAINT "mlps_assessment_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "mlps_assessment_system_day_agency_key" UNIQUE ("system_id", "assessed_on", "agency_licence_no"),
        CONSTRAINT "mlps_assessment_score_check" CHECK ("score" BETWEEN 0 AND 100),
        CONSTRAINT "mlps_assessment_conclusion_check" CHECK ("conclusion" IN ('EXCELLENT', 'GOOD', 'FAIR', 'POOR')),
        CONSTRAINT "mlps_assessment_findings_check" CHECK ("high_risk_findings" >= 0 AND "medium_risk_findings" >= 0 AND "low_risk_findings" >= 0),
        CONSTRAINT "mlps_assessment_mlps_record_id_fkey" FOREIGN KEY ("mlps_record_id")
          REFERENCES "security"."mlps_record" ("id") ON DELETE CASCADE
      )`);
    for (const column of ['mlps_record_id', 'unit_id', 'provider_id', 'region_code']) {
      await queryRunner.query(`CREATE INDEX "mlps_assessment_${column}_idx" ON "security"."mlps_assessment" ("${column}")`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "security"."mlps_assessment"`);
    await queryRunner.query(`DROP TABLE "security"."mlps_grading"`);
    await queryRunner.query(`
      ALTER TABLE "security"."mlps_record"
        DROP CONSTRAINT "mlps_record_service_degree_check",
        DROP CONSTRAINT "mlps_record_service_object_check",
        DROP CONSTRAINT "mlps_record_business_degree_check",
        DROP CONSTRAINT "mlps_record_business_object_check",
        DROP COLUMN "version",
        DROP COLUMN "filing_recorded_at",
        DROP COLUMN "filed_by",
        DROP COLUMN "expert_review_opinion",
        DROP COLUMN "expert_reviewed_on",
        DROP COLUMN "graded_at",
        DROP COLUMN "graded_by",
        DROP COLUMN "service_harm_degree",
        DROP COLUMN "service_harmed_object",
        DROP COLUMN "business_harm_degree",
        DROP COLUMN "business_harmed_object"`);
  }
}
