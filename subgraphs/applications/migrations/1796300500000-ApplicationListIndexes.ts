import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The orders `applications(orderBy:)` offers (第十一条、第十二条): by submission or decision day, each way, nulls last, id breaking ties. */
const INDEXES = [
  ['application_submitted_on_idx', '"submitted_on", "id"'],
  ['application_submitted_on_desc_idx', '"submitted_on" DESC NULLS LAST, "id" DESC'],
  ['application_decided_on_idx', '"decided_on", "id"'],
  ['application_decided_on_desc_idx', '"decided_on" DESC NULLS LAST, "id" DESC'],
] as const;

export class ApplicationListIndexes1796300500000 implements MigrationInterface {
  name = 'ApplicationListIndexes1796300500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, columns] of INDEXES) await queryRunner.query(`CREATE INDEX "${name}" ON "applications"."application" (${columns})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "applications"."${name}"`);
  }
}
