import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `providerExits(filter: { status, startedFrom, startedTo })` (第九条): the columns no index served yet. */
const INDEXES = [
  ['provider_exit_status_idx', '"status"'],
  ['provider_exit_started_on_idx', '"started_on"'],
] as const;

export class ProviderExitListFilters1796301800201 implements MigrationInterface {
  name = 'ProviderExitListFilters1796301800201';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, columns] of INDEXES) await queryRunner.query(`CREATE INDEX "${name}" ON "providers"."provider_exit" (${columns})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "providers"."${name}"`);
  }
}
