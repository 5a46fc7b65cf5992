import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `providerEvaluations(filter: { status, grade })` (第二十六条): the two columns no index served yet. */
const INDEXES = [
  ['provider_evaluation_status_idx', '"status"'],
  ['provider_evaluation_grade_idx', '"grade"'],
] as const;

export class EvaluationListFilters1796301000300 implements MigrationInterface {
  name = 'EvaluationListFilters1796301000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, columns] of INDEXES) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "supervision"."provider_evaluation" (${columns})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "supervision"."${name}"`);
  }
}
