import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provider platform security (第二十条): the platform's last MLPS assessment, the review's validity
 * and a version on the profile; the profile's change history; disaster-recovery drills; security
 * bulletins and their acknowledgements. Providers belong to another subgraph: referenced by id.
 */
export class ProviderPlatformSecurity1795651200008 implements MigrationInterface {
  name = 'ProviderPlatformSecurity1795651200008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "security"."provider_security_profile"
        ADD COLUMN "platform_mlps_assessed_on" date,
        ADD COLUMN "platform_mlps_assessment_conclusion" text,
        ADD COLUMN "cybersecurity_review_valid_until" date,
        ADD COLUMN "version" integer NOT NULL DEFAULT 1,
        ADD CONSTRAINT "provider_security_profile_conclusion_check"
          CHECK ("platform_mlps_assessment_conclusion" IS NULL OR "platform_mlps_assessment_conclusion" IN ('EXCELLENT', 'GOOD', 'FAIR', 'POOR')),
        ADD CONSTRAINT "provider_security_profile_assessment_check"
          CHECK (("platform_mlps_assessed_on" IS NULL) = ("platform_mlps_assessment_conclusion" IS NULL)),
        ADD CONSTRAINT "provider_security_profile_review_check"
          CHECK ("cybersecurity_review_valid_until" IS NULL OR "cybersecurity_review_valid_until" > "cybersecurity_review_passed_on")`);

    await queryRunner.query(`
      CREATE TABLE "security"."platform_security_change" (
        "id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "kind" varchar(30) NOT NULL,
        "version" integer NOT NULL,
        "platform_mlps_level" smallint NOT NULL,
        "platform_mlps_certificate_no" text NOT NULL,
        "platform_mlps_filed_on" date NOT NULL,
        "platform_mlps_assessed_on" date,
        "platform_mlps_assessment_conclusion" text,
        "cybersecurity_review_passed_on" date,
        "cybersecurity_review_valid_until" date,
        "note" varchar(500),
        "recorded_by" varchar(100) NOT NULL,
        "recorded_by_role" varchar(20) NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        CONSTRAINT "platform_security_change_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "platform_security_change_provider_id_fkey" FOREIGN KEY ("provider_id")
          REFERENCES "security"."provider_security_profile" ("provider_id") ON DELETE RESTRICT,
        CONSTRAINT "platform_security_change_kind_check" CHECK ("kind" IN ('PLATFORM_MLPS', 'CYBERSECURITY_REVIEW')),
        CONSTRAINT "platform_security_change_level_check" CHECK ("platform_mlps_level" BETWEEN 1 AND 5)
      )`);
    await queryRunner.query(
      `CREATE INDEX "platform_security_change_provider_id_idx" ON "security"."platform_security_change" ("provider_id", "recorded_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "security"."disaster_recovery_drill" (
        "id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "drilled_on" date NOT NULL,
        "scenario" varchar(200) NOT NULL,
        "rto_minutes" integer NOT NULL,
        "rpo_minutes" integer NOT NULL,
        "result" varchar(10) NOT NULL,
        "notes" varchar(2000),
        "recorded_by" varchar(100) NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        CONSTRAINT "disaster_recovery_drill_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "disaster_recovery_drill_result_check" CHECK ("result" IN ('PASSED', 'FAILED')),
        CONSTRAINT "disaster_recovery_drill_minutes_check" CHECK ("rto_minutes" >= 0 AND "rpo_minutes" >= 0)
      )`);
    await queryRunner.query(
      `CREATE INDEX "disaster_recovery_drill_provider_id_idx" ON "security"."disaster_recovery_drill" ("provider_id", "drilled_on")`,
    );

    await queryRunner.query(`
      CREATE TABLE "security"."security_bulletin" (
        "id" uuid NOT NULL,
        "number" varchar(40) NOT NULL,
        "title" varchar(200) NOT NULL,
        "content" text NOT NULL,
        "severity" varchar(10) NOT NULL,
        "provider_id" uuid,
        "issued_at" timestamptz NOT NULL,
        "issued_by" varchar(100) NOT NULL,
        "issuer_role" varchar(20) NOT NULL,
        CONSTRAINT "security_bulletin_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "security_bulletin_number_key" UNIQUE ("number"),
        CONSTRAINT "security_bulletin_severity_check" CHECK ("severity" IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
        CONSTRAINT "security_bulletin_issuer_role_check" CHECK ("issuer_role" IN ('CYBERSEC', 'BUREAU'))
      )`);
    await queryRunner.query(`CREATE INDEX "security_bulletin_provider_id_idx" ON "security"."security_bulletin" ("provider_id")`);

    await queryRunner.query(`
      CREATE TABLE "security"."security_bulletin_acknowledgement" (
        "id" uuid NOT NULL,
        "bulletin_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "acknowledged_at" timestamptz NOT NULL,
        "acknowledged_by" varchar(100) NOT NULL,
        CONSTRAINT "security_bulletin_acknowledgement_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "security_bulletin_acknowledgement_bulletin_provider_key" UNIQUE ("bulletin_id", "provider_id"),
        CONSTRAINT "security_bulletin_acknowledgement_bulletin_id_fkey" FOREIGN KEY ("bulletin_id")
          REFERENCES "security"."security_bulletin" ("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      `CREATE INDEX "security_bulletin_acknowledgement_provider_id_idx" ON "security"."security_bulletin_acknowledgement" ("provider_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "security"."security_bulletin_acknowledgement"`);
    await queryRunner.query(`DROP TABLE "security"."security_bulletin"`);
    await queryRunner.query(`DROP TABLE "security"."disaster_recovery_drill"`);
    await queryRunner.query(`DROP TABLE "security"."platform_security_change"`);
    await queryRunner.query(`
      ALTER TABLE "security"."provider_security_profile"
        DROP CONSTRAINT "provider_security_profile_review_check",
        DROP CONSTRAINT "provider_security_profile_assessment_check",
        DROP CONSTRAINT "provider_security_profile_conclusion_check",
        DROP COLUMN "version",
        DROP COLUMN "cybersecurity_review_valid_until",
        DROP COLUMN "platform_mlps_assessment_conclusion",
        DROP COLUMN "platform_mlps_assessed_on"`);
  }
}
