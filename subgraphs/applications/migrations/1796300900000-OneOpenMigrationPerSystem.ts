import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * EXIT_TRANSITION_3M (第九条): a system has one open (PENDING) exit migration at a time, so a
 * city-wide exit that starts while a county exit of the same provider is open does not give that
 * county's systems a second one.
 */
export class OneOpenMigrationPerSystem1796300900000 implements MigrationInterface {
  name = 'OneOpenMigrationPerSystem1796300900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "system_migration_open_system_key" ON "applications"."system_migration" ("system_id") WHERE "status" = 'PENDING'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "applications"."system_migration_open_system_key"`);
  }
}
