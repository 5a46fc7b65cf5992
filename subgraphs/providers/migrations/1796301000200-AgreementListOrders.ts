import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The orders and day ranges of `agreements(filter:, orderBy:)` (第九条): by signing day and by end
 * day, the id breaking ties; read either way from one index each (the columns have no nulls).
 */
const INDEXES = [
  ['agreement_signed_on_idx', '"signed_on", "id"'],
  ['agreement_ends_on_idx', '"ends_on", "id"'],
] as const;

export class AgreementListOrders1796301000200 implements MigrationInterface {
  name = 'AgreementListOrders1796301000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, columns] of INDEXES) await queryRunner.query(`CREATE INDEX "${name}" ON "providers"."agreement" (${columns})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX "providers"."${name}"`);
  }
}
