import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit may correct its shutdown record until the centre confirms it (第十四条, LEGACY_3M): each
 * record and correction counts a version, so a confirmation names the version the centre read and
 * one corrected since is a CONFLICT rather than confirmed unseen. Rows recorded before are version 1.
 */
export class LegacyShutdownVersion1796302200000 implements MigrationInterface {
  name = 'LegacyShutdownVersion1796302200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."legacy_shutdown" ADD "version" integer NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications"."legacy_shutdown" DROP COLUMN "version"`);
  }
}
