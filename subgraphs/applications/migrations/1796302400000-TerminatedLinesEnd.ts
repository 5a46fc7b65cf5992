import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A terminated application's resource lines end on its termination day (第十五条): lines of
 * applications terminated before this kept no end and were listed as in force ever after. Ends them as
 * the termination now does (termination.service.ts). Down leaves the ends in place: the settlement
 * already billed these lines only to the termination day, and an end cannot be told from one a change
 * wrote.
 */
export class TerminatedLinesEnd1796302400000 implements MigrationInterface {
  name = 'TerminatedLinesEnd1796302400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "applications"."application_resource_line" l
          SET "effective_until" = a."terminated_on"
         FROM "applications"."application" a
        WHERE a."id" = l."application_id" AND a."status" = 'TERMINATED' AND a."terminated_on" IS NOT NULL
          AND (l."effective_until" IS NULL OR l."effective_until" > a."terminated_on")
          AND (l."effective_from" IS NULL OR l."effective_from" <= a."terminated_on")`,
    );
  }

  async down(): Promise<void> {
    // Nothing to undo in the schema; see above.
  }
}
