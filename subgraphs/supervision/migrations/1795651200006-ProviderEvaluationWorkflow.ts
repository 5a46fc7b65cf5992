import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCORES = [
  'platform_operation_score',
  'security_score',
  'operations_management_score',
  'service_level_score',
  'service_quality_score',
];
const FILLED_AT_FINALIZATION = [...SCORES, 'total_score', 'grade', 'evaluated_on', 'remarks'];

/**
 * The annual evaluation as a process (PROVIDER_EVALUATION, 第二十六条): the bureau opens it, the
 * monitoring agency, the cybersecurity authority, user units and the bureau submit their inputs, the
 * bureau finalizes it. Scores, total and grade stay empty while OPEN and are all set once FINALIZED;
 * a trigger refuses any update of a finalized evaluation or of its inputs, whatever the code does.
 */
export class ProviderEvaluationWorkflow1795651200006 implements MigrationInterface {
  name = 'ProviderEvaluationWorkflow1795651200006';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = '"supervision"."provider_evaluation"';
    await queryRunner.query(`
      ALTER TABLE ${table}
        ADD "status" varchar(16) NOT NULL DEFAULT 'FINALIZED',
        ADD "version" integer NOT NULL DEFAULT 1,
        ADD "opened_on" date,
        ADD "opened_by" varchar(100),
        ADD "finalized_by" varchar(100),
        ${FILLED_AT_FINALIZATION.map((column) => `ALTER "${column}" DROP NOT NULL`).join(',\n        ')}`);
    await queryRunner.query(`UPDATE ${table} SET "opened_on" = "evaluated_on"`);
    await queryRunner.query(`
      ALTER TABLE ${table}
        ALTER "status" DROP DEFAULT,
        ALTER "version" DROP DEFAULT,
        ALTER "opened_on" SET NOT NULL,
        ADD CONSTRAINT "provider_evaluation_status_check" CHECK ("status" IN ('OPEN', 'FINALIZED')),
        ADD CONSTRAINT "provider_evaluation_finalized_check" CHECK (("status" = 'FINALIZED') = (${FILLED_AT_FINALIZATION.map(
          (column) => `"${column}" IS NOT NULL`,
        ).join(' AND ')}))`);
    await queryRunner.query(`CREATE INDEX "provider_evaluation_provider_id_idx" ON ${table} ("provider_id")`);

    await queryRunner.query(`
      CREATE TABLE "supervision"."provider_evaluation_input" (
        "id" uuid NOT NULL,
        "evaluation_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "kind" varchar(24) NOT NULL,
        "unit_id" uuid,
        ${SCORES.map((column) => `"${column}" numeric(5,2)`).join(',\n        ')},
        "availability_percent" numeric(6,3),
        "incident_count" integer,
        "avg_response_minutes" numeric(10,2),
        "complaint_count" integer,
        "remarks" text,
        "submitted_by" varchar(100) NOT NULL,
        "submitted_at" timestamptz NOT NULL,
        CONSTRAINT "provider_evaluation_input_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "provider_evaluation_input_evaluation_id_fkey" FOREIGN KEY ("evaluation_id")
          REFERENCES "supervision"."provider_evaluation" ("id") ON DELETE CASCADE,
        CONSTRAINT "provider_evaluation_input_kind_check" CHECK ("kind" IN ('MONITORING', 'SECURITY', 'OPERATIONS_MANAGEMENT', 'SERVICE_QUALITY')),
        CONSTRAINT "provider_evaluation_input_shape_check" CHECK (
          ("kind" = 'MONITORING') = ("platform_operation_score" IS NOT NULL AND "service_level_score" IS NOT NULL)
          AND ("kind" = 'SECURITY') = ("security_score" IS NOT NULL)
          AND ("kind" = 'OPERATIONS_MANAGEMENT') = ("operations_management_score" IS NOT NULL)
          AND ("kind" = 'SERVICE_QUALITY') = ("service_quality_score" IS NOT NULL AND "unit_id" IS NOT NULL)),
        CONSTRAINT "provider_evaluation_input_score_check" CHECK (${SCORES.map((column) => `"${column}" BETWEEN 0 AND 100`).join(' AND ')}),
        CONSTRAINT "provider_evaluation_input_figures_check" CHECK ("availability_percent" BETWEEN 0 AND 100 AND "incident_count" >= 0 AND "avg_response_minutes" >= 0 AND "complaint_count" >= 0)
      )`);
    const inputs = '"supervision"."provider_evaluation_input"';
    // One input of each kind per evaluation, and one service-quality rating per unit.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "provider_evaluation_input_kind_key" ON ${inputs} ("evaluation_id", "kind") WHERE "unit_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "provider_evaluation_input_unit_key" ON ${inputs} ("evaluation_id", "unit_id") WHERE "unit_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "provider_evaluation_input_provider_id_idx" ON ${inputs} ("provider_id")`);

    await queryRunner.query(`
      CREATE FUNCTION "supervision"."provider_evaluation_finalized_is_final"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        evaluation_status text;
      BEGIN
        IF TG_TABLE_NAME = 'provider_evaluation' THEN
          evaluation_status := OLD.status;
        ELSE
          SELECT status INTO evaluation_status FROM "supervision"."provider_evaluation" WHERE id = COALESCE(NEW.evaluation_id, OLD.evaluation_id);
        END IF;
        IF evaluation_status = 'FINALIZED' THEN
          RAISE EXCEPTION 'provider evaluation is finalized and never changes (PROVIDER_EVALUATION)' USING ERRCODE = 'check_violation';
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "provider_evaluation_finalized_is_final" BEFORE UPDATE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION "supervision"."provider_evaluation_finalized_is_final"()`);
    await queryRunner.query(`
      CREATE TRIGGER "provider_evaluation_input_finalized_is_final" BEFORE INSERT OR UPDATE ON ${inputs}
        FOR EACH ROW EXECUTE FUNCTION "supervision"."provider_evaluation_finalized_is_final"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = '"supervision"."provider_evaluation"';
    await queryRunner.query(`DROP TRIGGER "provider_evaluation_finalized_is_final" ON ${table}`);
    await queryRunner.query(`DROP TABLE "supervision"."provider_evaluation_input"`);
    await queryRunner.query(`DROP FUNCTION "supervision"."provider_evaluation_finalized_is_final"()`);
    await queryRunner.query(`DROP INDEX "supervision"."provider_evaluation_provider_id_idx"`);
    // Evaluations still open have no scores and cannot survive the older, all-required shape.
    await queryRunner.query(`DELETE FROM ${table} WHERE "status" = 'OPEN'`);
    await queryRunner.query(`
      ALTER TABLE ${table}
        DROP CONSTRAINT "provider_evaluation_finalized_check",
        DROP CONSTRAINT "provider_evaluation_status_check",
        DROP COLUMN "status",
        DROP COLUMN "version",
        DROP COLUMN "opened_on",
        DROP COLUMN "opened_by",
        DROP COLUMN "finalized_by",
        ${FILLED_AT_FINALIZATION.map((column) => `ALTER "${column}" SET NOT NULL`).join(',\n        ')}`);
  }
}
