import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Material files in an S3-compatible store (第十一条, MATERIALS, `MATERIAL_STORE=s3`). Every stored
 * file keeps its `material_file` row, so `application_material.file_id` still names a row checked
 * at commit (1795651200007); the row now says which store holds the bytes: `postgres` rows carry
 * the `content`, `s3` rows the `object_key` in the configured bucket. Rows written so far are
 * PostgreSQL's, which the column's default says.
 */
export class MaterialObjectStore1795651200009 implements MigrationInterface {
  name = 'MaterialObjectStore1795651200009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "applications"."material_file"
        ADD "store" text NOT NULL DEFAULT 'postgres',
        ADD "object_key" text,
        ALTER COLUMN "content" DROP NOT NULL,
        ADD CONSTRAINT "material_file_store_check" CHECK (
          ("store" = 'postgres' AND "content" IS NOT NULL AND "object_key" IS NULL)
          OR ("store" = 's3' AND "content" IS NULL AND "object_key" IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Without these columns a file held in S3 could not be found: refuse rather than lose the links.
    const [{ n }] = (await queryRunner.query(
      `SELECT count(*)::int AS n FROM "applications"."material_file" WHERE "store" <> 'postgres'`,
    )) as Array<{ n: number }>;
    if (n > 0) {
      throw new Error(
        `cannot undo MaterialObjectStore: ${n} material files are held in the S3-compatible store (copy them into PostgreSQL first)`,
      );
    }
    await queryRunner.query(`
      ALTER TABLE "applications"."material_file"
        DROP CONSTRAINT "material_file_store_check",
        ALTER COLUMN "content" SET NOT NULL,
        DROP COLUMN "object_key",
        DROP COLUMN "store"`);
  }
}
