import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bureau's downsize and reclaim orders from the utilisation evaluation (第十五条、第十六条). At
 * most one order per system waits for the applications subgraph's answer at a time.
 */
export class UtilisationOrders1795651200007 implements MigrationInterface {
  name = 'UtilisationOrders1795651200007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "supervision"."utilisation_order" (
        "id" uuid NOT NULL,
        "system_id" uuid NOT NULL,
        "unit_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "provider_id" uuid,
        "flag" text NOT NULL,
        "kind" text NOT NULL,
        "reason" text NOT NULL,
        "period_from" date NOT NULL,
        "period_to" date NOT NULL,
        "ordered_by" text NOT NULL,
        "ordered_at" timestamptz NOT NULL,
        "status" text NOT NULL,
        "application_id" uuid,
        "change_request_id" uuid,
        "refusal_reason" text,
        "answered_at" timestamptz,
        CONSTRAINT "utilisation_order_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "utilisation_order_kind_check" CHECK ("kind" IN ('DOWNSIZE', 'RECLAIM')),
        CONSTRAINT "utilisation_order_flag_check" CHECK ("flag" IN ('IDLE', 'UNDER_USED')),
        CONSTRAINT "utilisation_order_status_check" CHECK ("status" IN ('ORDERED', 'CHANGE_REQUESTED', 'REFUSED'))
      )`);
    for (const column of ['system_id', 'unit_id', 'region_code', 'provider_id']) {
      await queryRunner.query(`CREATE INDEX "utilisation_order_${column}_idx" ON "supervision"."utilisation_order" ("${column}")`);
    }
    await queryRunner.query(
      `CREATE UNIQUE INDEX "utilisation_order_one_waiting_key" ON "supervision"."utilisation_order" ("system_id") WHERE "status" = 'ORDERED'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "supervision"."utilisation_order"`);
  }
}
