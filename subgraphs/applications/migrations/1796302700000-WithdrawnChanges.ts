import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'PENDING', 'APPROVED', 'REJECTED', 'CARRIED_OUT'`;

/**
 * CHANGE_APPROVAL (第十五条): a change request not yet carried out may be withdrawn, pending or
 * approved; one another change overtook could otherwise never end. Down fails while a withdrawn
 * request exists, rather than inventing a state for it.
 */
export class WithdrawnChanges1796302700000 implements MigrationInterface {
  name = 'WithdrawnChanges1796302700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."change_request" DROP CONSTRAINT "change_request_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "applications"."change_request" ADD CONSTRAINT "change_request_status_check" CHECK ("status" IN (${BEFORE}, 'WITHDRAWN'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."change_request" DROP CONSTRAINT "change_request_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "applications"."change_request" ADD CONSTRAINT "change_request_status_check" CHECK ("status" IN (${BEFORE}))`,
    );
  }
}
