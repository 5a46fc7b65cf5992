import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Raw monitoring samples (第二十四条) partitioned by month: `system_sample` and `provider_sample`
 * become tables range-partitioned on `measured_at`, one partition per China calendar month
 * (`<table>_yYYYYmMM`, bounds at 00:00 Beijing time, so a China day — what the roll-up reads —
 * always lies in one partition), plus a DEFAULT partition (`<table>_default`) so a sample is never
 * refused for want of a partition. The primary key (system or provider, instant) already holds the
 * partition key, so the dedupe key and the roll-up's range scan are unchanged.
 *
 * Partitions are made ahead by `ensure_sample_partitions(from, to)`: the file import calls it for
 * the months it reads before writing, and the supervision worker for this month and the next two
 * every day and at start; a month created while the DEFAULT partition holds some of its rows (small
 * batches from `submitMonitoringSamples` that arrived before any maintenance) takes them over.
 * Retention is `drop_sample_partitions_before(day)`: whole partitions of the months before that
 * day's month are dropped (no row-by-row DELETE, no bloat, no vacuum). Both are SECURITY DEFINER
 * functions of the owner, because the service role that runs the import and the worker may not
 * create or drop tables, and they touch nothing but these two tables' partitions.
 */
export class MonthlySamplePartitions1796301500001 implements MigrationInterface {
  name = 'MonthlySamplePartitions1796301500001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "supervision"."ensure_sample_partitions"(from_day date, to_day date) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        parent text;
        month date;
        part text;
        lower_bound timestamptz;
        upper_bound timestamptz;
        stray boolean;
        created integer := 0;
      BEGIN
        IF from_day IS NULL OR to_day IS NULL THEN RETURN 0; END IF;
        IF to_day - from_day > 3660 THEN RAISE EXCEPTION 'ensure_sample_partitions: more than ten years (% to %)', from_day, to_day; END IF;
        FOREACH parent IN ARRAY ARRAY['system_sample', 'provider_sample'] LOOP
          month := date_trunc('month', from_day)::date;
          WHILE month <= to_day LOOP
            part := parent || to_char(month, '"_y"YYYY"m"MM');
            IF to_regclass(format('supervision.%I', part)) IS NULL THEN
              lower_bound := month::timestamp AT TIME ZONE 'Asia/Shanghai';
              upper_bound := (month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai';
              EXECUTE format('SELECT EXISTS (SELECT 1 FROM supervision.%I WHERE measured_at >= $1 AND measured_at < $2)', parent || '_default')
                INTO stray USING lower_bound, upper_bound;
              IF stray THEN
                -- The month's rows in the DEFAULT partition move into the new partition.
                EXECUTE format('CREATE TEMP TABLE sample_partition_move (LIKE supervision.%I) ON COMMIT DROP', parent);
                EXECUTE format('WITH gone AS (DELETE FROM supervision.%I WHERE measured_at >= $1 AND measured_at < $2 RETURNING *) INSERT INTO sample_partition_move SELECT * FROM gone', parent || '_default')
                  USING lower_bound, upper_bound;
              END IF;
              EXECUTE format('CREATE TABLE supervision.%I PARTITION OF supervision.%I FOR VALUES FROM (%L) TO (%L)', part, parent, lower_bound, upper_bound);
              IF stray THEN
                EXECUTE format('INSERT INTO supervision.%I SELECT * FROM sample_partition_move', parent);
                DROP TABLE sample_partition_move;
              END IF;
              created := created + 1;
            END IF;
            month := (month + interval '1 month')::date;
          END LOOP;
        END LOOP;
        RETURN created;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION "supervision"."drop_sample_partitions_before"(first_kept_day date) RETURNS SETOF text
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        parent text;
        item record;
      BEGIN
        FOREACH parent IN ARRAY ARRAY['system_sample', 'provider_sample'] LOOP
          FOR item IN
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = format('supervision.%I', parent)::regclass
               AND c.relname ~ ('^' || parent || '_y[0-9]{4}m[0-9]{2}$')
               AND to_date(right(c.relname, 8), '"y"YYYY"m"MM') < date_trunc('month', first_kept_day)::date
             ORDER BY c.relname
          LOOP
            EXECUTE format('DROP TABLE supervision.%I', item.relname);
            RETURN NEXT item.relname;
          END LOOP;
          EXECUTE format('DELETE FROM supervision.%I WHERE measured_at < $1', parent || '_default')
            USING date_trunc('month', first_kept_day)::date::timestamp AT TIME ZONE 'Asia/Shanghai';
        END LOOP;
      END $$`);
    for (const table of TABLES) {
      await queryRunner.query(`CREATE TABLE "supervision"."${table.name}_next" (${table.columns}) PARTITION BY RANGE ("measured_at")`);
      await queryRunner.query(`ALTER TABLE "supervision"."${table.name}" RENAME TO "${table.name}_plain"`);
      await queryRunner.query(`ALTER TABLE "supervision"."${table.name}_next" RENAME TO "${table.name}"`);
      await queryRunner.query(`CREATE TABLE "supervision"."${table.name}_default" PARTITION OF "supervision"."${table.name}" DEFAULT`);
    }
    // The months of the samples already there, and this month and the next two.
    await queryRunner.query(`
      SELECT "supervision"."ensure_sample_partitions"(
        LEAST(current_date, (SELECT min(measured_at AT TIME ZONE 'Asia/Shanghai')::date FROM (
          SELECT min(measured_at) AS measured_at FROM "supervision"."system_sample_plain"
          UNION ALL SELECT min(measured_at) FROM "supervision"."provider_sample_plain") m)),
        GREATEST((current_date + interval '2 months')::date, (SELECT max(measured_at AT TIME ZONE 'Asia/Shanghai')::date FROM (
          SELECT max(measured_at) AS measured_at FROM "supervision"."system_sample_plain"
          UNION ALL SELECT max(measured_at) FROM "supervision"."provider_sample_plain") m)))`);
    for (const table of TABLES) await moveRows(queryRunner, table, `${table.name}_plain`, table.name);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`CREATE TABLE "supervision"."${table.name}_plain" (${table.columns})`);
      await moveRows(queryRunner, table, table.name, `${table.name}_plain`);
    }
    await queryRunner.query(`DROP FUNCTION "supervision"."drop_sample_partitions_before"(date)`);
    await queryRunner.query(`DROP FUNCTION "supervision"."ensure_sample_partitions"(date, date)`);
  }
}

interface SampleTable {
  name: 'system_sample' | 'provider_sample';
  columns: string;
  key: string;
  checks: ReadonlyArray<readonly [string, string]>;
}

/** The columns, key and checks of migration 1795651200005, unchanged. */
const TABLES: readonly SampleTable[] = [
  {
    name: 'system_sample',
    columns: `"system_id" uuid NOT NULL, "measured_at" timestamptz NOT NULL, "unit_id" uuid NOT NULL, "provider_id" uuid NOT NULL,
      "region_code" varchar(6) NOT NULL, "cpu_percent" numeric(5,2) NOT NULL, "memory_percent" numeric(5,2) NOT NULL,
      "storage_used_gb" numeric(12,2) NOT NULL, "network_percent" numeric(5,2) NOT NULL, "bandwidth_mbps" numeric(10,2) NOT NULL`,
    key: '"system_id", "measured_at"',
    checks: [
      [
        'system_sample_percent_check',
        `"cpu_percent" BETWEEN 0 AND 100 AND "memory_percent" BETWEEN 0 AND 100 AND "network_percent" BETWEEN 0 AND 100`,
      ],
      ['system_sample_amount_check', `"storage_used_gb" >= 0 AND "bandwidth_mbps" >= 0`],
    ],
  },
  {
    name: 'provider_sample',
    columns: `"provider_id" uuid NOT NULL, "measured_at" timestamptz NOT NULL, "availability_percent" numeric(5,2) NOT NULL,
      "incident_count" integer NOT NULL, "response_minutes" numeric(8,2) NOT NULL, "complaint_count" integer NOT NULL`,
    key: '"provider_id", "measured_at"',
    checks: [
      [
        'provider_sample_check',
        `"availability_percent" BETWEEN 0 AND 100 AND "incident_count" >= 0 AND "response_minutes" >= 0 AND "complaint_count" >= 0`,
      ],
    ],
  },
];

/**
 * Copies every row from `from` into `to` (a table with the same columns and no constraints yet),
 * drops `from` (freeing its constraint names), names `to` as the table and gives it the key, the
 * checks and the BRIN index — on a partitioned table, each partition gets them.
 */
async function moveRows(queryRunner: QueryRunner, table: SampleTable, from: string, to: string): Promise<void> {
  await queryRunner.query(`INSERT INTO "supervision"."${to}" SELECT * FROM "supervision"."${from}"`);
  await queryRunner.query(`DROP TABLE "supervision"."${from}"`);
  if (to !== table.name) await queryRunner.query(`ALTER TABLE "supervision"."${to}" RENAME TO "${table.name}"`);
  await queryRunner.query(`
    ALTER TABLE "supervision"."${table.name}"
      ADD CONSTRAINT "${table.name}_pkey" PRIMARY KEY (${table.key}),
      ${table.checks.map(([name, expression]) => `ADD CONSTRAINT "${name}" CHECK (${expression})`).join(',\n      ')}`);
  await queryRunner.query(`CREATE INDEX "${table.name}_measured_at_brin" ON "supervision"."${table.name}" USING brin ("measured_at")`);
}
