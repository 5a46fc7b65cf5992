import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every application material is an uploaded file (第十一条, MATERIALS): registering metadata without
 * a file (the former `updateApplicationDraft(input: { materials })`) is gone, so `file_id` and
 * `content_type` become NOT NULL. Rows registered that way name no file anyone can open; they are
 * removed (the audit trail keeps the draft edit that made them), and the unit uploads the file.
 * The file key no longer nulls itself when a file is deleted: it is checked at commit, because a
 * replacing upload deletes the old file before it points the material at the new one.
 */
export class MaterialsAreFiles1795651200007 implements MigrationInterface {
  name = 'MaterialsAreFiles1795651200007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "applications"."application_material" WHERE "file_id" IS NULL OR "content_type" IS NULL`);
    await queryRunner.query(`
      ALTER TABLE "applications"."application_material"
        DROP CONSTRAINT "application_material_file_id_fkey",
        ALTER COLUMN "file_id" SET NOT NULL,
        ALTER COLUMN "content_type" SET NOT NULL,
        ADD CONSTRAINT "application_material_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "applications"."material_file" ("id")
          ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "applications"."application_material"
        DROP CONSTRAINT "application_material_file_id_fkey",
        ALTER COLUMN "file_id" DROP NOT NULL,
        ALTER COLUMN "content_type" DROP NOT NULL,
        ADD CONSTRAINT "application_material_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "applications"."material_file" ("id")
          ON DELETE SET NULL`);
  }
}
