import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: each settlement's amount and line count per provider (settlement-provider-total.entity.ts),
 * so fees by provider and level read a row per provider and level rather than every line of the
 * year. Filled here from the lines of the settlements already made.
 */
export class SettlementProviderTotals1796302000000 implements MigrationInterface {
  name = 'SettlementProviderTotals1796302000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "applications"."settlement_provider_total" (
        "settlement_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "amount_fen" bigint NOT NULL,
        "line_count" integer NOT NULL,
        CONSTRAINT "settlement_provider_total_pkey" PRIMARY KEY ("settlement_id", "provider_id"),
        CONSTRAINT "settlement_provider_total_figures_check" CHECK ("amount_fen" >= 0 AND "line_count" > 0),
        CONSTRAINT "settlement_provider_total_settlement_id_fkey" FOREIGN KEY ("settlement_id")
          REFERENCES "applications"."settlement" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      INSERT INTO "applications"."settlement_provider_total" ("settlement_id", "provider_id", "amount_fen", "line_count")
      SELECT "settlement_id", "provider_id", sum("amount_fen"), count(*) FROM "applications"."settlement_line" GROUP BY 1, 2`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."settlement_provider_total"`);
  }
}
