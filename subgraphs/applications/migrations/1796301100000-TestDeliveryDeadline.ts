import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addWorkingDays } from '../../kit/working-days';

/**
 * TEST_30D (第十三条): the test environment's delivery deadline is fixed on the application when it
 * is procured, as the decision's is when submitted, so `todoItems` computes the provider's item in
 * SQL (todo/todo-items.query.ts). Applications already procured get theirs from the same working-day
 * calendar (kit/working-days.ts) the subgraph counts with.
 */
export class TestDeliveryDeadline1796301100000 implements MigrationInterface {
  name = 'TestDeliveryDeadline1796301100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "applications"."application" ADD "test_delivery_due_on" date, ADD "test_delivery_due_estimated" boolean NOT NULL DEFAULT false`,
    );
    const procured: Array<{ id: string; procuredOn: string; days: number }> = await queryRunner.query(
      `SELECT id, procured_on::text AS "procuredOn", test_delivery_days AS days FROM "applications"."application"
       WHERE procured_on IS NOT NULL AND test_delivery_days > 0`,
    );
    if (procured.length === 0) return;
    const deadlines = procured.map((row) => addWorkingDays(row.procuredOn, row.days));
    await queryRunner.query(
      `UPDATE "applications"."application" a SET test_delivery_due_on = d.due_on, test_delivery_due_estimated = d.estimated
       FROM unnest($1::uuid[], $2::date[], $3::boolean[]) AS d(id, due_on, estimated) WHERE a.id = d.id`,
      [procured.map((row) => row.id), deadlines.map((deadline) => deadline.date), deadlines.map((deadline) => deadline.estimated)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "applications"."application" DROP COLUMN "test_delivery_due_estimated", DROP COLUMN "test_delivery_due_on"`,
    );
  }
}
