import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * EXIT_TRANSITION_3M (第九条): an exit's scope. A provider whose county agreement expires unrenewed
 * while its city agreement goes on exits that county only; the city's exits (every earlier one)
 * carry 371600. One open exit per provider and scope. Down fails while a provider has two open
 * exits, rather than closing one of them.
 */
export class ProviderExitScope1796300400001 implements MigrationInterface {
  name = 'ProviderExitScope1796300400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers"."provider_exit" ADD "region_code" varchar(6)`);
    await queryRunner.query(`UPDATE "providers"."provider_exit" SET "region_code" = '371600'`);
    await queryRunner.query(`ALTER TABLE "providers"."provider_exit" ALTER COLUMN "region_code" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "providers"."provider_exit_open_key"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "provider_exit_open_key" ON "providers"."provider_exit" ("provider_id", "region_code") WHERE "status" = 'IN_TRANSITION'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "providers"."provider_exit_open_key"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "provider_exit_open_key" ON "providers"."provider_exit" ("provider_id") WHERE "status" = 'IN_TRANSITION'`,
    );
    await queryRunner.query(`ALTER TABLE "providers"."provider_exit" DROP COLUMN "region_code"`);
  }
}
