import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TEST_30D (第十三条): the agreement's test-environment delivery days, taken when the application is
 * submitted, from which the provider's delivery is due after procurement (lifecycle/test-delivery.rules.ts).
 */
export class TestDeliveryDays1795651200112 implements MigrationInterface {
  name = 'TestDeliveryDays1795651200112';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."application" ADD "test_delivery_days" integer`);
    await queryRunner.query(
      `ALTER TABLE "applications"."application" ADD CONSTRAINT "application_test_delivery_days_check" CHECK ("test_delivery_days" > 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."application" DROP CONSTRAINT "application_test_delivery_days_check"`);
    await queryRunner.query(`ALTER TABLE "applications"."application" DROP COLUMN "test_delivery_days"`);
  }
}
