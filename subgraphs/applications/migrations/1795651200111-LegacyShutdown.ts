import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The old system's shutdown as recorded by the unit and confirmed by the centre (第十四条, LEGACY_3M;
 * legacy-shutdown/legacy-shutdown.entity.ts): one row per system, with its evidence.
 */
export class LegacyShutdown1795651200111 implements MigrationInterface {
  name = 'LegacyShutdown1795651200111';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "applications"."legacy_shutdown" (
        "system_id" uuid NOT NULL,
        "shutdown_on" date NOT NULL,
        "note" text,
        "evidence_reference" text,
        "recorded_by" text NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        "confirmed_by" text,
        "confirmed_at" timestamptz,
        CONSTRAINT "legacy_shutdown_pkey" PRIMARY KEY ("system_id"),
        CONSTRAINT "legacy_shutdown_evidence_check" CHECK ("note" IS NOT NULL OR "evidence_reference" IS NOT NULL),
        CONSTRAINT "legacy_shutdown_system_id_fkey" FOREIGN KEY ("system_id")
          REFERENCES "applications"."information_system" ("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."legacy_shutdown"`);
  }
}
