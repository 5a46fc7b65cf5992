import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-system utilisation summaries of the periods asked for (第十六条; issue 14: leastUsedSystems
 * aggregated every daily roll-up of the period on each request). A summary is written by the first
 * read of its period and deleted, in the writing transaction, by every statement that writes the
 * daily roll-ups or the system facts, so it never outlives the figures it was computed from.
 */
export class UtilisationSummary1796301700001 implements MigrationInterface {
  name = 'UtilisationSummary1796301700001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "supervision"."utilisation_summary_period" (
        "period_from" date NOT NULL,
        "period_to" date NOT NULL,
        CONSTRAINT "utilisation_summary_period_pkey" PRIMARY KEY ("period_from", "period_to")
      )`);
    await queryRunner.query(`
      CREATE TABLE "supervision"."utilisation_summary" (
        "period_from" date NOT NULL,
        "period_to" date NOT NULL,
        "system_id" uuid NOT NULL,
        "usage_score" numeric(5,2),
        "listed" boolean NOT NULL,
        "days_with_data" integer NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "unit_id" uuid NOT NULL,
        "provider_id" uuid,
        "evaluation" jsonb NOT NULL,
        CONSTRAINT "utilisation_summary_pkey" PRIMARY KEY ("period_from", "period_to", "system_id"),
        CONSTRAINT "utilisation_summary_period_fkey" FOREIGN KEY ("period_from", "period_to")
          REFERENCES "supervision"."utilisation_summary_period" ("period_from", "period_to") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE INDEX "utilisation_summary_listed_idx" ON "supervision"."utilisation_summary"
        ("period_from", "period_to", "usage_score", "system_id") WHERE "listed"`);
    for (const column of ['region_code', 'provider_id', 'unit_id']) {
      await queryRunner.query(`
        CREATE INDEX "utilisation_summary_${column}_idx" ON "supervision"."utilisation_summary"
          ("period_from", "period_to", "${column}", "usage_score", "system_id") WHERE "listed"`);
    }
    await queryRunner.query(`
      CREATE FUNCTION "supervision"."utilisation_summary_forget"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM "supervision"."utilisation_summary_period";
        RETURN NULL;
      END $$`);
    for (const table of ['monitoring_daily', 'system_fact']) {
      await queryRunner.query(`
        CREATE TRIGGER "${table}_utilisation_summary_forget" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "supervision"."${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION "supervision"."utilisation_summary_forget"()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['system_fact', 'monitoring_daily']) {
      await queryRunner.query(`DROP TRIGGER "${table}_utilisation_summary_forget" ON "supervision"."${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "supervision"."utilisation_summary_forget"()`);
    await queryRunner.query(`DROP TABLE "supervision"."utilisation_summary"`);
    await queryRunner.query(`DROP TABLE "supervision"."utilisation_summary_period"`);
  }
}
