import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Renewal (延续) of a designation agreement (TERM_MAX_3Y, 第九条): the first day of the term in force,
 * and who renewed it and when. A renewal moves `ends_on` on; each term runs at most three years.
 */
export class AgreementRenewal1796256000100 implements MigrationInterface {
  name = 'AgreementRenewal1796256000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers"."agreement" ADD "term_starts_on" date`);
    await queryRunner.query(`UPDATE "providers"."agreement" SET "term_starts_on" = "starts_on"`);
    await queryRunner.query(`ALTER TABLE "providers"."agreement" ALTER COLUMN "term_starts_on" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "providers"."agreement" ADD "renewed_on" date`);
    await queryRunner.query(`ALTER TABLE "providers"."agreement" ADD "renewed_by" varchar(100)`);
    await queryRunner.query(
      `ALTER TABLE "providers"."agreement" ADD CONSTRAINT "agreement_current_term_check" CHECK ("ends_on" > "term_starts_on" AND "term_starts_on" >= "starts_on")`,
    );
    await queryRunner.query(
      `ALTER TABLE "providers"."agreement" ADD CONSTRAINT "agreement_renewed_check" CHECK (("renewed_on" IS NULL) = ("renewed_by" IS NULL))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers"."agreement" DROP CONSTRAINT "agreement_renewed_check"`);
    await queryRunner.query(`ALTER TABLE "providers"."agreement" DROP CONSTRAINT "agreement_current_term_check"`);
    await queryRunner.query(`ALTER TABLE "providers"."agreement" DROP COLUMN "renewed_by"`);
    await queryRunner.query(`ALTER TABLE "providers"."agreement" DROP COLUMN "renewed_on"`);
    await queryRunner.query(`ALTER TABLE "providers"."agreement" DROP COLUMN "term_starts_on"`);
  }
}
