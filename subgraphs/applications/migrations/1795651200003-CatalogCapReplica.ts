import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The replica of the providers subgraph's basic-catalog caps (第八条, CATALOG_CAP), kept up to date
 * by its cap-change events. No foreign key: the entries live in the providers subgraph.
 */
export class CatalogCapReplica1795651200003 implements MigrationInterface {
  name = 'CatalogCapReplica1795651200003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "applications"."catalog_cap" (
        "entry_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "cap_fen" bigint NOT NULL,
        "cap_version" bigint NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "catalog_cap_pkey" PRIMARY KEY ("entry_id"),
        CONSTRAINT "catalog_cap_cap_fen_check" CHECK ("cap_fen" > 0),
        CONSTRAINT "catalog_cap_cap_version_check" CHECK ("cap_version" > 0)
      )`);
    await queryRunner.query(`CREATE INDEX "catalog_cap_provider_id_idx" ON "applications"."catalog_cap" ("provider_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."catalog_cap"`);
  }
}
