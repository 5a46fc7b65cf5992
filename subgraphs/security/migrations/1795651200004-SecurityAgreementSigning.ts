import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing and ending cloud security agreements through the graph (第二十二条, SECURITY_AGREEMENT):
 * who signed and who ended one, why it ended, and at most one agreement in force per system and
 * provider. Agreements already ended get a reason first, so the new check holds for them.
 */
export class SecurityAgreementSigning1795651200004 implements MigrationInterface {
  name = 'SecurityAgreementSigning1795651200004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "security"."security_agreement"
        ADD COLUMN "termination_reason" text,
        ADD COLUMN "terminated_by_role" text,
        ADD COLUMN "terminated_by" text,
        ADD COLUMN "signed_by" text`);
    await queryRunner.query(
      `UPDATE "security"."security_agreement" SET "termination_reason" = '系统终止使用政务云服务，协议随之终止（第十五条）'
        WHERE "status" = 'TERMINATED' AND "termination_reason" IS NULL`,
    );
    await queryRunner.query(`
      ALTER TABLE "security"."security_agreement"
        ADD CONSTRAINT "security_agreement_termination_reason_check" CHECK ("status" <> 'TERMINATED' OR "termination_reason" IS NOT NULL),
        ADD CONSTRAINT "security_agreement_terminated_by_role_check" CHECK ("terminated_by_role" IS NULL OR "terminated_by_role" IN ('USER_UNIT', 'BUREAU'))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "security_agreement_signed_key" ON "security"."security_agreement" ("system_id", "provider_id") WHERE "status" = 'SIGNED'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "security"."security_agreement_signed_key"`);
    await queryRunner.query(`
      ALTER TABLE "security"."security_agreement"
        DROP CONSTRAINT "security_agreement_terminated_by_role_check",
        DROP CONSTRAINT "security_agreement_termination_reason_check",
        DROP COLUMN "signed_by",
        DROP COLUMN "terminated_by",
        DROP COLUMN "terminated_by_role",
        DROP COLUMN "termination_reason"`);
  }
}
