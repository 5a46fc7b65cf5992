import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cloud security agreements, MLPS records and providers' platform security profiles (第十七条–第二十三条).
 * Units, systems, providers and applications belong to other subgraphs: referenced by id, no
 * foreign keys; the scope columns (region_code, unit_id, provider_id) are indexed.
 */
export class CreateSecuritySchema1795651200002 implements MigrationInterface {
  name = 'CreateSecuritySchema1795651200002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "security"."security_agreement" (
        "id" uuid NOT NULL,
        "number" text NOT NULL,
        "system_id" uuid NOT NULL,
        "unit_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "application_id" uuid,
        "signed_on" date NOT NULL,
        "status" text NOT NULL,
        "terminated_on" date,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "security_agreement_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "security_agreement_number_key" UNIQUE ("number"),
        CONSTRAINT "security_agreement_status_check" CHECK ("status" IN ('SIGNED', 'TERMINATED')),
        CONSTRAINT "security_agreement_terminated_check" CHECK (("status" = 'TERMINATED') = ("terminated_on" IS NOT NULL))
      )`);
    for (const column of ['system_id', 'unit_id', 'provider_id', 'region_code']) {
      await queryRunner.query(`CREATE INDEX "security_agreement_${column}_idx" ON "security"."security_agreement" ("${column}")`);
    }

    await queryRunner.query(`
      CREATE TABLE "security"."mlps_record" (
        "id" uuid NOT NULL,
        "system_id" uuid NOT NULL,
        "system_code" text NOT NULL,
        "unit_id" uuid NOT NULL,
        "provider_id" uuid,
        "region_code" varchar(6) NOT NULL,
        "level" smallint NOT NULL,
        "certificate_no" text,
        "filed_on" date,
        "last_assessed_on" date,
        "assessment_score" numeric(5,2),
        "assessment_conclusion" text,
        "assessor_name" text,
        CONSTRAINT "mlps_record_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "mlps_record_system_id_key" UNIQUE ("system_id"),
        CONSTRAINT "mlps_record_level_check" CHECK ("level" BETWEEN 1 AND 5),
        CONSTRAINT "mlps_record_score_check" CHECK ("assessment_score" IS NULL OR "assessment_score" BETWEEN 0 AND 100),
        CONSTRAINT "mlps_record_conclusion_check" CHECK ("assessment_conclusion" IS NULL OR "assessment_conclusion" IN ('EXCELLENT', 'GOOD', 'FAIR', 'POOR'))
      )`);
    for (const column of ['unit_id', 'provider_id', 'region_code', 'level']) {
      await queryRunner.query(`CREATE INDEX "mlps_record_${column}_idx" ON "security"."mlps_record" ("${column}")`);
    }

    await queryRunner.query(`
      CREATE TABLE "security"."provider_security_profile" (
        "provider_id" uuid NOT NULL,
        "platform_name" text NOT NULL,
        "platform_mlps_level" smallint NOT NULL,
        "platform_mlps_certificate_no" text NOT NULL,
        "platform_mlps_filed_on" date NOT NULL,
        "cybersecurity_review_passed_on" date,
        CONSTRAINT "provider_security_profile_pkey" PRIMARY KEY ("provider_id"),
        CONSTRAINT "provider_security_profile_level_check" CHECK ("platform_mlps_level" BETWEEN 1 AND 5)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "security"."provider_security_profile"`);
    await queryRunner.query(`DROP TABLE "security"."mlps_record"`);
    await queryRunner.query(`DROP TABLE "security"."security_agreement"`);
  }
}
