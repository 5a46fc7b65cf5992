import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A SEVERE annual evaluation proposes disqualification instead of carrying it out (PROVIDER_EVALUATION,
 * 第二十六条: 应按照定点服务协议有关约定，取消其服务资格): the proposal, keyed by the supervision
 * subgraph's evaluation id so a redelivered effect changes nothing, and the bureau's decision with the
 * agreement clause it rests on. Only a DISQUALIFY decision starts the exit (EXIT_TRANSITION_3M).
 * Disqualifications carried out before stay in provider_disqualification as they were.
 */
export class DisqualificationProposals1796300300000 implements MigrationInterface {
  name = 'DisqualificationProposals1796300300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "providers"."disqualification_proposal" (
        "id" uuid NOT NULL,
        "evaluation_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "evaluation_year" integer NOT NULL,
        "total_score" numeric(5,2) NOT NULL,
        "proposed_on" date NOT NULL,
        "agreement_id" uuid,
        "status" varchar(16) NOT NULL,
        "decided_on" date,
        "decided_by" varchar(100),
        "agreement_clause" varchar(500),
        "decision_reason" varchar(2000),
        "exit_id" uuid,
        "version" integer NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "disqualification_proposal_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "disqualification_proposal_evaluation_id_key" UNIQUE ("evaluation_id"),
        CONSTRAINT "disqualification_proposal_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"."provider" ("id") ON DELETE RESTRICT,
        CONSTRAINT "disqualification_proposal_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "providers"."agreement" ("id") ON DELETE RESTRICT,
        CONSTRAINT "disqualification_proposal_exit_id_fkey" FOREIGN KEY ("exit_id") REFERENCES "providers"."provider_exit" ("id") ON DELETE RESTRICT,
        CONSTRAINT "disqualification_proposal_status_check" CHECK ("status" IN ('PENDING', 'DISQUALIFIED', 'KEPT')),
        CONSTRAINT "disqualification_proposal_decided_check" CHECK (("status" = 'PENDING') = ("decided_on" IS NULL) AND ("status" = 'PENDING') = ("decided_by" IS NULL) AND ("status" = 'PENDING') = ("agreement_clause" IS NULL) AND ("status" = 'PENDING') = ("decision_reason" IS NULL)),
        CONSTRAINT "disqualification_proposal_clause_check" CHECK (length(btrim("agreement_clause")) > 0 AND length(btrim("decision_reason")) > 0),
        CONSTRAINT "disqualification_proposal_exit_check" CHECK ("exit_id" IS NULL OR "status" = 'DISQUALIFIED')
      )`);
    await queryRunner.query(
      `CREATE INDEX "disqualification_proposal_provider_id_idx" ON "providers"."disqualification_proposal" ("provider_id")`,
    );
    // The bureau's pending list, in proposal order.
    await queryRunner.query(
      `CREATE INDEX "disqualification_proposal_pending_idx" ON "providers"."disqualification_proposal" ("proposed_on", "id") WHERE "status" = 'PENDING'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "providers"."disqualification_proposal"`);
  }
}
