import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monitoring ingest (第二十四条、第二十五条): the agency's raw samples and the richer daily roll-ups
 * computed from them.
 *
 * Raw tables hold millions of rows, so they are kept lean: the dedupe key is the primary key
 * (system or provider, instant) — one btree that both refuses a resubmitted sample and serves
 * the roll-up's "this system's samples on this day" range scan. Queries never read raw rows by
 * scope (they read the roll-ups), so the copied scope columns carry no index; a BRIN index on
 * measured_at (a few pages for millions of rows, since samples arrive roughly in time order)
 * keeps time-range maintenance such as retention cheap. No partitioning: at this volume (tens of
 * millions of rows a year) one table with these indexes is enough, and monthly partitions can be
 * introduced later without changing the key, which already contains the instant.
 */
export class MonitoringIngest1795651200005 implements MigrationInterface {
  name = 'MonitoringIngest1795651200005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "supervision"."system_sample" (
        "system_id" uuid NOT NULL,
        "measured_at" timestamptz NOT NULL,
        "unit_id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "cpu_percent" numeric(5,2) NOT NULL,
        "memory_percent" numeric(5,2) NOT NULL,
        "storage_used_gb" numeric(12,2) NOT NULL,
        "network_percent" numeric(5,2) NOT NULL,
        "bandwidth_mbps" numeric(10,2) NOT NULL,
        CONSTRAINT "system_sample_pkey" PRIMARY KEY ("system_id", "measured_at"),
        CONSTRAINT "system_sample_percent_check" CHECK ("cpu_percent" BETWEEN 0 AND 100 AND "memory_percent" BETWEEN 0 AND 100 AND "network_percent" BETWEEN 0 AND 100),
        CONSTRAINT "system_sample_amount_check" CHECK ("storage_used_gb" >= 0 AND "bandwidth_mbps" >= 0)
      )`);
    await queryRunner.query(`CREATE INDEX "system_sample_measured_at_brin" ON "supervision"."system_sample" USING brin ("measured_at")`);

    await queryRunner.query(`
      CREATE TABLE "supervision"."provider_sample" (
        "provider_id" uuid NOT NULL,
        "measured_at" timestamptz NOT NULL,
        "availability_percent" numeric(5,2) NOT NULL,
        "incident_count" integer NOT NULL,
        "response_minutes" numeric(8,2) NOT NULL,
        "complaint_count" integer NOT NULL,
        CONSTRAINT "provider_sample_pkey" PRIMARY KEY ("provider_id", "measured_at"),
        CONSTRAINT "provider_sample_check" CHECK ("availability_percent" BETWEEN 0 AND 100 AND "incident_count" >= 0 AND "response_minutes" >= 0 AND "complaint_count" >= 0)
      )`);
    await queryRunner.query(
      `CREATE INDEX "provider_sample_measured_at_brin" ON "supervision"."provider_sample" USING brin ("measured_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "supervision"."provider_monitoring_daily" (
        "id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "day" date NOT NULL,
        "availability_percent" numeric(5,2) NOT NULL,
        "incident_count" integer NOT NULL,
        "avg_response_minutes" numeric(8,2) NOT NULL,
        "complaint_count" integer NOT NULL,
        "sample_count" integer NOT NULL,
        CONSTRAINT "provider_monitoring_daily_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "provider_monitoring_daily_provider_day_key" UNIQUE ("provider_id", "day"),
        CONSTRAINT "provider_monitoring_daily_check" CHECK ("availability_percent" BETWEEN 0 AND 100 AND "incident_count" >= 0 AND "avg_response_minutes" >= 0 AND "complaint_count" >= 0 AND "sample_count" > 0)
      )`);
    await queryRunner.query(`CREATE INDEX "provider_monitoring_daily_day_idx" ON "supervision"."provider_monitoring_daily" ("day")`);

    const added = [
      'cpu_peak_percent',
      'memory_p95_percent',
      'memory_peak_percent',
      'network_avg_percent',
      'network_p95_percent',
      'network_peak_percent',
    ];
    await queryRunner.query(`
      ALTER TABLE "supervision"."monitoring_daily"
        ${added.map((column) => `ADD COLUMN "${column}" numeric(5,2)`).join(', ')},
        ADD COLUMN "bandwidth_peak_mbps" numeric(10,2),
        ADD COLUMN "sample_count" integer`);
    // Rows loaded before raw samples existed (the demo seed): the same derivation as
    // monitoring-sample.ts derivedDailyFigures, so peak ≥ p95 and a migrated database equals a fresh seed.
    await queryRunner.query(`
      UPDATE "supervision"."monitoring_daily" SET
        "cpu_peak_percent" = LEAST(100, "cpu_p95_percent" + 6.5),
        "memory_p95_percent" = LEAST(100, "memory_avg_percent" + 7.5),
        "memory_peak_percent" = LEAST(100, "memory_avg_percent" + 12.5),
        "network_p95_percent" = LEAST(100, trunc("bandwidth_p95_mbps" / 2, 2)),
        "network_avg_percent" = trunc(LEAST(100, trunc("bandwidth_p95_mbps" / 2, 2)) * 0.6, 2),
        "network_peak_percent" = LEAST(100, trunc("bandwidth_p95_mbps" / 2, 2) + 5),
        "bandwidth_peak_mbps" = "bandwidth_p95_mbps" + 10,
        "sample_count" = 288`);
    await queryRunner.query(`
      ALTER TABLE "supervision"."monitoring_daily"
        ${[...added, 'bandwidth_peak_mbps', 'sample_count'].map((column) => `ALTER COLUMN "${column}" SET NOT NULL`).join(', ')},
        ADD CONSTRAINT "monitoring_daily_figures_check" CHECK (
          "cpu_peak_percent" BETWEEN 0 AND 100 AND "memory_p95_percent" BETWEEN 0 AND 100 AND "memory_peak_percent" BETWEEN 0 AND 100
          AND "network_avg_percent" BETWEEN 0 AND 100 AND "network_p95_percent" BETWEEN 0 AND 100 AND "network_peak_percent" BETWEEN 0 AND 100
          AND "cpu_peak_percent" >= "cpu_p95_percent" AND "memory_peak_percent" >= "memory_p95_percent"
          AND "network_peak_percent" >= "network_p95_percent" AND "bandwidth_peak_mbps" >= "bandwidth_p95_mbps"
          AND "sample_count" > 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "supervision"."monitoring_daily"
        DROP CONSTRAINT "monitoring_daily_figures_check",
        DROP COLUMN "cpu_peak_percent", DROP COLUMN "memory_p95_percent", DROP COLUMN "memory_peak_percent",
        DROP COLUMN "network_avg_percent", DROP COLUMN "network_p95_percent", DROP COLUMN "network_peak_percent",
        DROP COLUMN "bandwidth_peak_mbps", DROP COLUMN "sample_count"`);
    await queryRunner.query(`DROP TABLE "supervision"."provider_monitoring_daily"`);
    await queryRunner.query(`DROP TABLE "supervision"."provider_sample"`);
    await queryRunner.query(`DROP TABLE "supervision"."system_sample"`);
  }
}
