import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The utilisation orders list's order (utilisationOrders(orderBy:), 第十五条、第十六条): an index on (ordered_at, id). */
export class UtilisationOrderList1796300600001 implements MigrationInterface {
  name = 'UtilisationOrderList1796300600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "utilisation_order_ordered_at_idx" ON "supervision"."utilisation_order" ("ordered_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "supervision"."utilisation_order_ordered_at_idx"`);
  }
}
