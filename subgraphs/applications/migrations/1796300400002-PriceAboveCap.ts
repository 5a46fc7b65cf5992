import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CATALOG_CAP (第八条): a concluded price a stale copy of the caps let through and the providers
 * subgraph then refused is marked on its application (the day) and its line (the cap in force).
 */
export class PriceAboveCap1796300400002 implements MigrationInterface {
  name = 'PriceAboveCap1796300400002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."application" ADD "price_above_cap_since" date`);
    await queryRunner.query(`ALTER TABLE "applications"."application_resource_line" ADD "refused_cap_fen" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."application_resource_line" DROP COLUMN "refused_cap_fen"`);
    await queryRunner.query(`ALTER TABLE "applications"."application" DROP COLUMN "price_above_cap_since"`);
  }
}
