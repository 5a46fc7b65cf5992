import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consequences of an annual evaluation (PROVIDER_EVALUATION, 第二十六条) as the providers subgraph
 * carries them out: a rectification ordered for a POOR grade, and the record of a SEVERE grade's
 * disqualification (the exit it started, if any). Both are keyed by the supervision subgraph's
 * evaluation id, so a redelivered effect finds its record and changes nothing.
 */
export class EvaluationConsequences1795651200010 implements MigrationInterface {
  name = 'EvaluationConsequences1795651200010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "providers"."provider_rectification" (
        "id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "evaluation_id" uuid NOT NULL,
        "evaluation_year" integer NOT NULL,
        "ordered_on" date NOT NULL,
        "due_on" date NOT NULL,
        "status" varchar(16) NOT NULL,
        "confirmed_on" date,
        "confirmed_by" varchar(100),
        "confirmation_note" varchar(2000),
        "version" integer NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "provider_rectification_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "provider_rectification_evaluation_id_key" UNIQUE ("evaluation_id"),
        CONSTRAINT "provider_rectification_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"."provider" ("id") ON DELETE RESTRICT,
        CONSTRAINT "provider_rectification_status_check" CHECK ("status" IN ('ORDERED', 'CONFIRMED')),
        CONSTRAINT "provider_rectification_due_check" CHECK ("due_on" > "ordered_on"),
        CONSTRAINT "provider_rectification_confirmed_check" CHECK (("status" = 'CONFIRMED') = ("confirmed_on" IS NOT NULL AND "confirmed_by" IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "provider_rectification_provider_id_idx" ON "providers"."provider_rectification" ("provider_id")`,
    );
    // One rectification under way per provider.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "provider_rectification_open_key" ON "providers"."provider_rectification" ("provider_id") WHERE "status" = 'ORDERED'`,
    );

    await queryRunner.query(`
      CREATE TABLE "providers"."provider_disqualification" (
        "evaluation_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "evaluation_year" integer NOT NULL,
        "disqualified_on" date NOT NULL,
        "outcome" varchar(24) NOT NULL,
        "exit_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "provider_disqualification_pkey" PRIMARY KEY ("evaluation_id"),
        CONSTRAINT "provider_disqualification_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"."provider" ("id") ON DELETE RESTRICT,
        CONSTRAINT "provider_disqualification_exit_id_fkey" FOREIGN KEY ("exit_id") REFERENCES "providers"."provider_exit" ("id") ON DELETE RESTRICT,
        CONSTRAINT "provider_disqualification_outcome_check" CHECK ("outcome" IN ('EXIT_STARTED', 'EXIT_ALREADY_OPEN')),
        CONSTRAINT "provider_disqualification_exit_check" CHECK (("outcome" = 'EXIT_STARTED') = ("exit_id" IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "provider_disqualification_provider_id_idx" ON "providers"."provider_disqualification" ("provider_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "providers"."provider_disqualification"`);
    await queryRunner.query(`DROP TABLE "providers"."provider_rectification"`);
  }
}
