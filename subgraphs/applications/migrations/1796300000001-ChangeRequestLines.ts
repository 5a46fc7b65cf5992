import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change request carries structured resource lines (第十五条, CHANGE_APPROVAL): added, removed or
 * resized lines priced on the provider's catalog (第八条, CATALOG_CAP), stored in
 * `change_request_line`. An approved change is carried out on a date (status CARRIED_OUT); the day of
 * the bureau's approval is kept as a calendar day (`decided_on`, backfilled in Binzhou's time zone).
 */
export class ChangeRequestLines1796300000001 implements MigrationInterface {
  name = 'ChangeRequestLines1796300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "applications"."change_request"
        DROP CONSTRAINT "change_request_status_check",
        ADD CONSTRAINT "change_request_status_check" CHECK ("status" IN ('PENDING', 'APPROVED', 'REJECTED', 'CARRIED_OUT')),
        ADD "decided_on" date,
        ADD "carried_out_on" date,
        ADD "carried_out_by" text`);
    await queryRunner.query(
      `UPDATE "applications"."change_request" SET "decided_on" = ("decided_at" AT TIME ZONE 'Asia/Shanghai')::date WHERE "decided_at" IS NOT NULL`,
    );
    await queryRunner.query(`
      ALTER TABLE "applications"."change_request"
        ADD CONSTRAINT "change_request_carried_out_check" CHECK (("status" = 'CARRIED_OUT') = ("carried_out_on" IS NOT NULL))`);
    await queryRunner.query(`
      CREATE TABLE "applications"."change_request_line" (
        "id" uuid NOT NULL,
        "change_request_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "kind" text NOT NULL,
        "resource_line_id" uuid,
        "catalog_entry_id" uuid,
        "quantity" integer,
        "quantity_max" integer,
        "concluded_price_yuan" numeric(12,2),
        CONSTRAINT "change_request_line_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "change_request_line_change_request_id_position_key" UNIQUE ("change_request_id", "position"),
        CONSTRAINT "change_request_line_kind_check" CHECK ("kind" IN ('ADD', 'REMOVE', 'RESIZE')),
        CONSTRAINT "change_request_line_target_check" CHECK (("kind" = 'ADD') = ("resource_line_id" IS NULL)),
        CONSTRAINT "change_request_line_add_check" CHECK ("kind" <> 'ADD' OR ("catalog_entry_id" IS NOT NULL AND "concluded_price_yuan" IS NOT NULL)),
        CONSTRAINT "change_request_line_quantity_check" CHECK (("kind" = 'REMOVE') = ("quantity" IS NULL) AND ("quantity" IS NULL OR ("quantity" > 0 AND "quantity_max" >= "quantity"))),
        CONSTRAINT "change_request_line_price_check" CHECK ("concluded_price_yuan" IS NULL OR "concluded_price_yuan" > 0),
        CONSTRAINT "change_request_line_change_request_id_fkey" FOREIGN KEY ("change_request_id")
          REFERENCES "applications"."change_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "change_request_line_resource_line_id_fkey" FOREIGN KEY ("resource_line_id")
          REFERENCES "applications"."application_resource_line"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."change_request_line"`);
    await queryRunner.query(`UPDATE "applications"."change_request" SET "status" = 'APPROVED' WHERE "status" = 'CARRIED_OUT'`);
    await queryRunner.query(`
      ALTER TABLE "applications"."change_request"
        DROP CONSTRAINT "change_request_carried_out_check",
        DROP COLUMN "carried_out_by",
        DROP COLUMN "carried_out_on",
        DROP COLUMN "decided_on",
        DROP CONSTRAINT "change_request_status_check",
        ADD CONSTRAINT "change_request_status_check" CHECK ("status" IN ('PENDING', 'APPROVED', 'REJECTED'))`);
  }
}
