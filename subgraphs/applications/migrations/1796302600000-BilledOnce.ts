import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 第八条、第十六条: a catalog entry billed per delivery (套·次) is billed once, in the year it is
 * delivered, not per month in service. The replicas of the caps and of the supplementary filings
 * learn it from the providers subgraph's events (contracts/billing-cycle.ts); each settlement line
 * records how it was billed. Rows before this read as per month, as they were billed: an entry
 * learns otherwise with its next event, and `npm run seed -- --reset` writes the demo's at once.
 */
export class BilledOnce1796302600000 implements MigrationInterface {
  name = 'BilledOnce1796302600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['catalog_cap', 'supplementary_entry', 'settlement_line']) {
      await queryRunner.query(`ALTER TABLE "applications"."${table}" ADD "billed_once" boolean NOT NULL DEFAULT false`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['settlement_line', 'supplementary_entry', 'catalog_cap']) {
      await queryRunner.query(`ALTER TABLE "applications"."${table}" DROP COLUMN "billed_once"`);
    }
  }
}
