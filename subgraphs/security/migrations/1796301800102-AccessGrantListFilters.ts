import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `accessGrants(filter: { status })` (第二十三条): the end of the validity period, which no index served yet. */
export class AccessGrantListFilters1796301800102 implements MigrationInterface {
  name = 'AccessGrantListFilters1796301800102';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "access_grant_valid_until_idx" ON "security"."access_grant" ("valid_until")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "security"."access_grant_valid_until_idx"`);
  }
}
