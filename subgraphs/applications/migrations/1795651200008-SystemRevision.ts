import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A revision per information system, raised with each change the system's facts are published for
 * (contracts/system-facts.ts), so subscribers' replicas keep the newest whatever the order of delivery.
 */
export class SystemRevision1795651200008 implements MigrationInterface {
  name = 'SystemRevision1795651200008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."information_system" ADD "revision" integer NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."information_system" DROP COLUMN "revision"`);
  }
}
