import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The replica of the providers subgraph's supplementary-catalog filings (第八条, SUPPLEMENTARY_FILED),
 * kept up to date by its filing events. No foreign key: the entries live in the providers subgraph.
 */
export class SupplementaryEntryReplica1795651200113 implements MigrationInterface {
  name = 'SupplementaryEntryReplica1795651200113';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "applications"."supplementary_entry" (
        "entry_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "code" character varying(40) NOT NULL,
        "filing_status" character varying(16) NOT NULL,
        "filing_rank" smallint NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "supplementary_entry_pkey" PRIMARY KEY ("entry_id"),
        CONSTRAINT "supplementary_entry_filing_status_check" CHECK ("filing_status" IN ('PENDING', 'FILED', 'PROMOTED', 'WITHDRAWN')),
        CONSTRAINT "supplementary_entry_filing_rank_check" CHECK ("filing_rank" BETWEEN 1 AND 3)
      )`);
    await queryRunner.query(`CREATE INDEX "supplementary_entry_provider_id_idx" ON "applications"."supplementary_entry" ("provider_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."supplementary_entry"`);
  }
}
