import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `securityBulletins(filter: { severity, issuedFrom, issuedTo })` (第二十条): the columns no index served yet. */
const INDEXES = [
  ['security_bulletin_severity_idx', '"severity"'],
  ['security_bulletin_issued_at_idx', '"issued_at"'],
] as const;

export class BulletinListFilters1796301000101 implements MigrationInterface {
  name = 'BulletinListFilters1796301000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, columns] of INDEXES) await queryRunner.query(`CREATE INDEX "${name}" ON "security"."security_bulletin" (${columns})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "security"."${name}"`);
  }
}
