import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'DRAFT', 'SUBMITTED', 'FILED', 'ACCEPTED', 'REJECTED', 'PROCURED', 'TESTING', 'IN_PRODUCTION', 'TERMINATING', 'TERMINATED'`;

/**
 * A unit discards a draft it no longer wants (第十条、第十一条): the application ends as DISCARDED,
 * kept with its history. Down fails while a discarded application exists, rather than inventing a state for it.
 */
export class DiscardedApplications1796300400000 implements MigrationInterface {
  name = 'DiscardedApplications1796300400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."application" DROP CONSTRAINT "application_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "applications"."application" ADD CONSTRAINT "application_status_check" CHECK ("status" IN (${BEFORE}, 'DISCARDED'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."application" DROP CONSTRAINT "application_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "applications"."application" ADD CONSTRAINT "application_status_check" CHECK ("status" IN (${BEFORE}))`,
    );
  }
}
