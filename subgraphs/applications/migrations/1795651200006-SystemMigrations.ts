import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provider exits reach the systems they host (EXIT_TRANSITION_3M, 第九条): an exit notice per exit
 * heard of, and per hosted system a migration to another provider with the clearance of its data.
 */
export class SystemMigrations1795651200006 implements MigrationInterface {
  name = 'SystemMigrations1795651200006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "applications"."exit_notice" (
        "exit_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "transition_ends_on" date NOT NULL,
        "system_count" integer NOT NULL,
        "received_at" timestamptz NOT NULL,
        CONSTRAINT "exit_notice_pkey" PRIMARY KEY ("exit_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "applications"."system_migration" (
        "id" uuid NOT NULL,
        "exit_id" uuid NOT NULL,
        "system_id" uuid NOT NULL,
        "unit_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "provider_id" uuid NOT NULL,
        "due_on" date NOT NULL,
        "status" text NOT NULL,
        "target_provider_id" uuid,
        "migrated_on" date,
        "migrated_by" text,
        "data_cleared_on" date,
        "data_cleared_by" text,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "system_migration_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "system_migration_exit_system_key" UNIQUE ("exit_id", "system_id"),
        CONSTRAINT "system_migration_status_check" CHECK ("status" IN ('PENDING', 'MIGRATED', 'CLEARED')),
        CONSTRAINT "system_migration_migrated_check" CHECK (("status" = 'PENDING') = ("migrated_on" IS NULL)),
        CONSTRAINT "system_migration_cleared_check" CHECK (("status" = 'CLEARED') = ("data_cleared_on" IS NOT NULL)),
        CONSTRAINT "system_migration_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "applications"."information_system" ("id") ON DELETE CASCADE
      )`);
    for (const column of ['system_id', 'unit_id', 'region_code', 'provider_id']) {
      await queryRunner.query(`CREATE INDEX "system_migration_${column}_idx" ON "applications"."system_migration" ("${column}")`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."system_migration"`);
    await queryRunner.query(`DROP TABLE "applications"."exit_notice"`);
  }
}
