import type { MigrationInterface, QueryRunner } from 'typeorm';

// MLPS_6M (第二十二条): the next assessment due date as of this migration's rules (mlps-schedule:
// first assessment 6 months after go-live; level 3 yearly, level 4 and above every 6 months), over
// one system's replica row `fact` and its mlps_record `mlps`. Equal to NEXT_DUE_SQL, which the
// integration test holds it to.
const DUE = `(CASE
  WHEN fact.retired_on IS NOT NULL THEN NULL
  WHEN mlps.last_assessed_on IS NULL THEN (fact.go_live_on + interval '6 months')::date
  WHEN mlps.level >= 4 THEN (mlps.last_assessed_on + interval '6 months')::date
  WHEN mlps.level = 3 THEN (mlps.last_assessed_on + interval '12 months')::date
  ELSE NULL
END)`;

/** The row of every system in `systems` (a SQL set of ids), recomputed from its fact and record. */
const refresh = (systems: string) => `
  INSERT INTO "security"."mlps_assessment_due" AS d ("system_id", "due_on", "unit_id", "region_code", "provider_id")
  SELECT fact.system_id, ${DUE}, fact.unit_id, fact.region_code, fact.provider_id
    FROM "security"."system_fact" fact LEFT JOIN "security"."mlps_record" mlps ON mlps.system_id = fact.system_id
   WHERE fact.system_id IN (${systems})
  ON CONFLICT ("system_id") DO UPDATE SET "due_on" = EXCLUDED."due_on", "unit_id" = EXCLUDED."unit_id",
    "region_code" = EXCLUDED."region_code", "provider_id" = EXCLUDED."provider_id"
  WHERE (d."due_on", d."unit_id", d."region_code", d."provider_id") IS DISTINCT FROM
        (EXCLUDED."due_on", EXCLUDED."unit_id", EXCLUDED."region_code", EXCLUDED."provider_id")`;

/**
 * Stores each system's MLPS due date (issue 14: the worklist scanned every system to compute it),
 * kept by triggers on the two tables it reads, so every writer (the MLPS mutations, the systemChanged
 * effect, the seed) keeps it in its own transaction; backfilled here.
 */
export class MlpsAssessmentDue1796301700000 implements MigrationInterface {
  name = 'MlpsAssessmentDue1796301700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "security"."mlps_assessment_due" (
        "system_id" uuid NOT NULL,
        "due_on" date,
        "unit_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "provider_id" uuid,
        CONSTRAINT "mlps_assessment_due_pkey" PRIMARY KEY ("system_id")
      )`);
    await queryRunner.query(`CREATE INDEX "mlps_assessment_due_due_on_idx" ON "security"."mlps_assessment_due" ("due_on", "system_id")`);
    for (const column of ['region_code', 'unit_id', 'provider_id']) {
      await queryRunner.query(
        `CREATE INDEX "mlps_assessment_due_${column}_idx" ON "security"."mlps_assessment_due" ("${column}", "due_on", "system_id")`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION "security"."mlps_assessment_due_refresh"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.system_id IS DISTINCT FROM NEW.system_id) THEN
          IF TG_TABLE_NAME = 'system_fact' THEN
            DELETE FROM "security"."mlps_assessment_due" WHERE "system_id" = OLD.system_id;
          ELSE
            ${refresh('OLD.system_id')};
          END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          ${refresh('NEW.system_id')};
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "system_fact_mlps_assessment_due" AFTER INSERT OR DELETE OR UPDATE OF
        "system_id", "go_live_on", "retired_on", "unit_id", "region_code", "provider_id" ON "security"."system_fact"
      FOR EACH ROW EXECUTE FUNCTION "security"."mlps_assessment_due_refresh"()`);
    await queryRunner.query(`
      CREATE TRIGGER "mlps_record_mlps_assessment_due" AFTER INSERT OR DELETE OR UPDATE OF
        "system_id", "level", "last_assessed_on" ON "security"."mlps_record"
      FOR EACH ROW EXECUTE FUNCTION "security"."mlps_assessment_due_refresh"()`);
    await queryRunner.query(refresh(`SELECT "system_id" FROM "security"."system_fact"`));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "mlps_record_mlps_assessment_due" ON "security"."mlps_record"`);
    await queryRunner.query(`DROP TRIGGER "system_fact_mlps_assessment_due" ON "security"."system_fact"`);
    await queryRunner.query(`DROP FUNCTION "security"."mlps_assessment_due_refresh"()`);
    await queryRunner.query(`DROP TABLE "security"."mlps_assessment_due"`);
  }
}
