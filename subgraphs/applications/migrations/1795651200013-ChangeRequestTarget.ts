import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change request with its application's version and scope columns (entities/
 * change-request-target.entity.ts): the row the bureau's decision on a change request locks. A
 * plain join, so `SELECT … FOR UPDATE` on it locks the request and its application together.
 */
export class ChangeRequestTarget1795651200013 implements MigrationInterface {
  name = 'ChangeRequestTarget1795651200013';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE VIEW "applications"."change_request_target" AS
        SELECT c.id, c.application_id, c.status, a.version, a.region_code, a.unit_id, a.provider_id
          FROM "applications"."change_request" c
          JOIN "applications"."application" a ON a.id = c.application_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "applications"."change_request_target"`);
  }
}
