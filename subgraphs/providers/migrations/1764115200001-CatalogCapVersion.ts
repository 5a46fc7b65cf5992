import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version on each basic-catalog entry's cap, one more at every change: the applications
 * subgraph's replica of the caps keeps the newest version it has heard of, whatever the order the
 * changes arrive in. Existing entries hold their first cap (version 1).
 */
export class CatalogCapVersion1764115200001 implements MigrationInterface {
  name = 'CatalogCapVersion1764115200001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE "providers"."basic_catalog_entry"
        ADD "cap_version" bigint NOT NULL DEFAULT 1,
        ADD CONSTRAINT "basic_catalog_entry_cap_version_check" CHECK ("cap_version" > 0)`);
    // The default only fills existing rows: every new entry states its version.
    await runner.query(`ALTER TABLE "providers"."basic_catalog_entry" ALTER COLUMN "cap_version" DROP DEFAULT`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE "providers"."basic_catalog_entry"
        DROP CONSTRAINT "basic_catalog_entry_cap_version_check",
        DROP COLUMN "cap_version"`);
  }
}
