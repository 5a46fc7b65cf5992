import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Yearly fee settlements (第十六条, SETTLEMENT_JAN5): the settlement of a level and year, its lines and
 * the confirmations it needs. A trigger keeps a confirmed settlement, its lines and confirmations
 * from ever changing, whatever code runs: corrections are new rows.
 */
export class Settlements1795651200010 implements MigrationInterface {
  name = 'Settlements1795651200010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "applications"."settlement" (
        "id" uuid NOT NULL,
        "number" text NOT NULL,
        "year" integer NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "revision" integer NOT NULL,
        "corrects_id" uuid,
        "correction_reason" text,
        "note" text,
        "status" text NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_by" text NOT NULL,
        "created_at" timestamptz NOT NULL,
        "confirmed_at" timestamptz,
        "confirmed_on" date,
        CONSTRAINT "settlement_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "settlement_number_key" UNIQUE ("number"),
        CONSTRAINT "settlement_year_region_revision_key" UNIQUE ("year", "region_code", "revision"),
        CONSTRAINT "settlement_corrects_id_key" UNIQUE ("corrects_id"),
        CONSTRAINT "settlement_status_check" CHECK ("status" IN ('AWAITING_CONFIRMATION', 'CONFIRMED')),
        CONSTRAINT "settlement_confirmed_check" CHECK (("status" = 'CONFIRMED') = ("confirmed_at" IS NOT NULL AND "confirmed_on" IS NOT NULL)),
        CONSTRAINT "settlement_revision_check" CHECK (("revision" = 1) = ("corrects_id" IS NULL)),
        CONSTRAINT "settlement_version_check" CHECK ("version" > 0),
        CONSTRAINT "settlement_corrects_id_fkey" FOREIGN KEY ("corrects_id") REFERENCES "applications"."settlement" ("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "settlement_region_code_idx" ON "applications"."settlement" ("region_code")`);
    await queryRunner.query(`
      CREATE TABLE "applications"."settlement_line" (
        "id" uuid NOT NULL,
        "settlement_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "provider_id" uuid NOT NULL,
        "unit_id" uuid NOT NULL,
        "unit_code" text NOT NULL,
        "unit_name" text NOT NULL,
        "system_id" uuid NOT NULL,
        "system_code" text NOT NULL,
        "system_name" text NOT NULL,
        "application_id" uuid NOT NULL,
        "application_number" text NOT NULL,
        "resource_line_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "catalog_entry_id" uuid NOT NULL,
        "unit_price_fen" bigint NOT NULL,
        "price_source" text NOT NULL,
        "quantity" integer NOT NULL,
        "quantity_max" integer NOT NULL,
        "billed_quantity" integer NOT NULL,
        "service_from" date NOT NULL,
        "service_until" date NOT NULL,
        "days_in_service" integer NOT NULL,
        "days_in_year" integer NOT NULL,
        "utilisation_flag" text NOT NULL,
        "factor_permille" integer NOT NULL,
        "amount_fen" bigint NOT NULL,
        CONSTRAINT "settlement_line_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "settlement_line_price_source_check" CHECK ("price_source" IN ('CONCLUDED', 'CATALOG_CAP', 'MISSING')),
        CONSTRAINT "settlement_line_flag_check" CHECK ("utilisation_flag" IN ('NORMAL', 'UNDER_USED', 'IDLE', 'EXCLUDED', 'NO_DATA')),
        CONSTRAINT "settlement_line_figures_check" CHECK ("days_in_service" > 0 AND "amount_fen" >= 0 AND "unit_price_fen" >= 0),
        CONSTRAINT "settlement_line_settlement_id_fkey" FOREIGN KEY ("settlement_id") REFERENCES "applications"."settlement" ("id") ON DELETE CASCADE
      )`);
    for (const column of ['settlement_id', 'unit_id', 'provider_id', 'region_code']) {
      await queryRunner.query(`CREATE INDEX "settlement_line_${column}_idx" ON "applications"."settlement_line" ("${column}")`);
    }
    await queryRunner.query(`
      CREATE TABLE "applications"."settlement_confirmation" (
        "id" uuid NOT NULL,
        "settlement_id" uuid NOT NULL,
        "party" text NOT NULL,
        "party_key" text NOT NULL,
        "confirmed_by" text,
        "confirmed_at" timestamptz,
        CONSTRAINT "settlement_confirmation_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "settlement_confirmation_party_key" UNIQUE ("settlement_id", "party", "party_key"),
        CONSTRAINT "settlement_confirmation_party_check" CHECK ("party" IN ('AUTHORITY', 'CENTER', 'UNIT', 'PROVIDER')),
        CONSTRAINT "settlement_confirmation_confirmed_check" CHECK (("confirmed_at" IS NULL) = ("confirmed_by" IS NULL)),
        CONSTRAINT "settlement_confirmation_settlement_id_fkey" FOREIGN KEY ("settlement_id") REFERENCES "applications"."settlement" ("id") ON DELETE CASCADE
      )`);
    // SETTLEMENT_JAN5: a confirmed settlement never changes, nor do its lines and confirmations.
    await queryRunner.query(`
      CREATE FUNCTION "applications"."settlement_confirmed_is_final"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        settled text;
        settlement_key uuid;
      BEGIN
        IF TG_TABLE_NAME = 'settlement' THEN
          settled := OLD.status;
          settlement_key := OLD.id;
        ELSE
          settlement_key := OLD.settlement_id;
          SELECT status INTO settled FROM "applications"."settlement" WHERE id = settlement_key;
        END IF;
        IF settled = 'CONFIRMED' THEN
          RAISE EXCEPTION 'SETTLEMENT_JAN5: settlement % is confirmed and never changes', settlement_key
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['settlement', 'settlement_line', 'settlement_confirmation']) {
      await queryRunner.query(`
        CREATE TRIGGER "${table}_confirmed_is_final" BEFORE UPDATE OR DELETE ON "applications"."${table}"
        FOR EACH ROW EXECUTE FUNCTION "applications"."settlement_confirmed_is_final"()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."settlement_confirmation"`);
    await queryRunner.query(`DROP TABLE "applications"."settlement_line"`);
    await queryRunner.query(`DROP TABLE "applications"."settlement"`);
    await queryRunner.query(`DROP FUNCTION "applications"."settlement_confirmed_is_final"()`);
  }
}
