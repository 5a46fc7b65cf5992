import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Material files (第十一条, MATERIALS): the bytes of each uploaded material in
 * `material_file` (the PostgreSQL material store, one file per application and kind), and on the
 * material's metadata row its media type and the file it describes. A row given as metadata only
 * (no upload) has neither.
 */
export class MaterialFiles1795651200004 implements MigrationInterface {
  name = 'MaterialFiles1795651200004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "applications"."material_file" (
        "id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "content" bytea NOT NULL,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "material_file_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "material_file_application_kind_key" UNIQUE ("application_id", "kind"),
        CONSTRAINT "material_file_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"."application" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      ALTER TABLE "applications"."application_material"
        ADD "content_type" text,
        ADD "file_id" uuid,
        ADD CONSTRAINT "application_material_file_id_key" UNIQUE ("file_id"),
        ADD CONSTRAINT "application_material_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "applications"."material_file" ("id") ON DELETE SET NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "applications"."application_material"
        DROP CONSTRAINT "application_material_file_id_fkey",
        DROP CONSTRAINT "application_material_file_id_key",
        DROP COLUMN "file_id",
        DROP COLUMN "content_type"`);
    await queryRunner.query(`DROP TABLE "applications"."material_file"`);
  }
}
