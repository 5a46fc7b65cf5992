import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `systemMigrations(filter: { status, dueFrom, dueTo })` (第九条): the columns no index served yet. */
const INDEXES = [
  ['system_migration_status_idx', '"status"'],
  ['system_migration_due_on_idx', '"due_on"'],
] as const;

export class SystemMigrationListFilters1796301800301 implements MigrationInterface {
  name = 'SystemMigrationListFilters1796301800301';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, columns] of INDEXES)
      await queryRunner.query(`CREATE INDEX "${name}" ON "applications"."system_migration" (${columns})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "applications"."${name}"`);
  }
}
