import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a change request comes from (第十五条): the unit's own request, or a downsize or reclaim
 * order of the bureau from the utilisation evaluation (第十六条), recorded with the order's id — at
 * most one change request per order, which makes delivering the order twice harmless.
 */
export class ChangeRequestOrigin1795651200011 implements MigrationInterface {
  name = 'ChangeRequestOrigin1795651200011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "applications"."change_request"
        ADD COLUMN "origin" text NOT NULL DEFAULT 'UNIT_REQUEST',
        ADD COLUMN "utilisation_order_id" uuid,
        ADD CONSTRAINT "change_request_origin_check" CHECK ("origin" IN ('UNIT_REQUEST', 'UTILISATION_ORDER')),
        ADD CONSTRAINT "change_request_order_check" CHECK (("origin" = 'UTILISATION_ORDER') = ("utilisation_order_id" IS NOT NULL)),
        ADD CONSTRAINT "change_request_utilisation_order_id_key" UNIQUE ("utilisation_order_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "applications"."change_request"
        DROP CONSTRAINT "change_request_utilisation_order_id_key",
        DROP CONSTRAINT "change_request_order_check",
        DROP CONSTRAINT "change_request_origin_check",
        DROP COLUMN "utilisation_order_id",
        DROP COLUMN "origin"`);
  }
}
