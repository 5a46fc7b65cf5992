import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `securityAgreements(filter: { status, signedFrom, signedTo })` (第二十二条): the columns no index served yet. */
const INDEXES = [
  ['security_agreement_status_idx', '"status"'],
  ['security_agreement_signed_on_idx', '"signed_on"'],
] as const;

export class AgreementListFilters1796301800101 implements MigrationInterface {
  name = 'AgreementListFilters1796301800101';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, columns] of INDEXES)
      await queryRunner.query(`CREATE INDEX "${name}" ON "security"."security_agreement" (${columns})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "security"."${name}"`);
  }
}
