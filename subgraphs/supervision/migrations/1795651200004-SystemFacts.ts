import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The replica of the applications subgraph's information systems (contracts/system-facts.ts). */
export class SystemFacts1795651200004 implements MigrationInterface {
  name = 'SystemFacts1795651200004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "supervision"."system_fact" (
        "system_id" uuid NOT NULL,
        "code" text NOT NULL,
        "name" text NOT NULL,
        "unit_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "provider_id" uuid,
        "deployment_mode" text NOT NULL,
        "go_live_on" date,
        "retired_on" date,
        "is_disaster_recovery" boolean NOT NULL,
        "is_standby" boolean NOT NULL,
        "revision" integer NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "system_fact_pkey" PRIMARY KEY ("system_id")
      )`);
    for (const column of ['unit_id', 'region_code', 'provider_id']) {
      await queryRunner.query(`CREATE INDEX "system_fact_${column}_idx" ON "supervision"."system_fact" ("${column}")`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "supervision"."system_fact"`);
  }
}
