import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a user unit still acts as one (第四条): a unit dissolved or merged in an institutional
 * reform (机构改革) keeps its records but may no longer sign in; the gateway's directory check
 * refuses its tokens (gateway/src/directory.ts).
 */
export class UnitActive1795651200012 implements MigrationInterface {
  name = 'UnitActive1795651200012';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."unit" ADD COLUMN "active" boolean NOT NULL DEFAULT true`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."unit" DROP COLUMN "active"`);
  }
}
