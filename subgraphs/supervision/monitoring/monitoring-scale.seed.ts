// Raw monitoring samples for a scaled world's copies (`npm run seed -- --scale N`, issue 14): an
// hourly sample of every monitorable system of copies 1 … N−1 over the demo's monitoring window
// (about 10,000,000 rows at scale 100), generated inside PostgreSQL with generate_series — never
// a row at a time — straight into the monthly partitions (sample-partitions.ts), and each batch's
// days rolled up by the same statement the import uses, so the roll-ups equal the raw samples.
// The demo's own systems keep the demo's roll-ups (monitoring.seed.ts), which have no raw rows.
import type { DataSource } from 'typeorm';
import type { World } from '../../../seed/world';
import { WORLD_TODAY } from '../../../seed/world/types';
import type { WorldCopies } from '../../../seed/world/scale';
import { addDays } from '../../kit/dates';
import { rollUpSystemDaysSql } from './ingest/rollup-sql';
import { monitorable, SAMPLE_DAYS } from './monitoring.seed';
import { ensureSamplePartitions } from './sample-partitions';

/** Systems per statement: 250 systems × 30 days × 24 hours = 180,000 rows. */
const SYSTEMS_PER_BATCH = 250;
export const SAMPLES_PER_DAY = 24;

/**
 * One sample an hour (`$2` hours from `$3`) for each system of `$1` on the replica: daytime and
 * weekday load above night and weekend, each system its own baseline from its id, and integer
 * jitter from the system and the hour (cheap arithmetic, not a hash a row: this writes millions).
 */
const INSERT_SAMPLES = `
  WITH hours AS (
    SELECT i, $3::timestamptz + i * interval '1 hour' AS at, i / 24 AS day_no,
           (CASE WHEN extract(isodow FROM ($3::timestamptz + i * interval '1 hour') AT TIME ZONE 'Asia/Shanghai') >= 6 THEN 0.6 ELSE 1 END)
             * (CASE WHEN extract(hour FROM ($3::timestamptz + i * interval '1 hour') AT TIME ZONE 'Asia/Shanghai') BETWEEN 8 AND 18 THEN 1 ELSE 0.4 END) AS load
      FROM generate_series(0, $2::int - 1) i
  )
  INSERT INTO "supervision"."system_sample"
    (system_id, measured_at, unit_id, provider_id, region_code, cpu_percent, memory_percent, storage_used_gb, network_percent, bandwidth_mbps)
  SELECT f.system_id, h.at, f.unit_id, f.provider_id, f.region_code,
         least(100, (5 + k.h % 50) * h.load + j.jitter)::numeric(5,2),
         least(100, 30 + (k.h / 50) % 40 + j.jitter / 2)::numeric(5,2),
         (80 + (k.h / 2000) % 1900 + h.day_no * ((k.h / 7) % 40) / 10.0)::numeric(12,2),
         least(100, ((k.h / 13) % 60) * h.load + j.jitter)::numeric(5,2),
         (least(100, ((k.h / 13) % 60) * h.load + j.jitter) * 2)::numeric(10,2)
    FROM (SELECT * FROM "supervision"."system_fact" WHERE system_id = ANY ($1::uuid[]) AND provider_id IS NOT NULL ORDER BY system_id) f
   CROSS JOIN LATERAL (SELECT abs(hashtext(f.system_id::text))::bigint AS h) k
   CROSS JOIN hours h
   CROSS JOIN LATERAL (SELECT (((k.h % 100003) * 31 + h.i * 7919) * 2654435761 % 1000) / 100.0 AS jitter) j
   ORDER BY f.system_id, h.at`;

/** Batches written at once, each on its own connection: PostgreSQL does the work, one core each. */
const CONCURRENT_BATCHES = 2;

/** The monitored systems of the copies, in a stable order. */
export function scaledSampleSystems(copies: readonly World[], firstDay: string): string[] {
  return copies.flatMap((copy) => monitorable(copy.systems, firstDay).map((system) => system.id));
}

/** Runs `each` on every batch, `CONCURRENT_BATCHES` at a time, telling `step`'s progress in systems. */
async function inBatches(
  batches: readonly string[][],
  total: number,
  step: string,
  scaled: WorldCopies,
  each: (batch: string[]) => Promise<void>,
) {
  let next = 0;
  let done = 0;
  const work = async () => {
    for (let batch = batches[next++]; batch; batch = batches[next++]) {
      await each(batch);
      done += batch.length;
      scaled.onProgress?.(step, done, total);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_BATCHES }, work));
}

/**
 * Writes the copies' samples, then rolls their days up, a batch of systems per transaction (the
 * roll-ups after ANALYZE, so they are planned on the samples' real size); returns the rows written.
 */
export async function seedScaledSamples(dataSource: DataSource, scaled: WorldCopies): Promise<number> {
  const firstDay = addDays(WORLD_TODAY, -(SAMPLE_DAYS - 1));
  // In id order, so each batch adds to its own stretch of the primary key rather than all over it.
  const systems = scaledSampleSystems(scaled.copies, firstDay).sort();
  if (systems.length === 0) return 0;
  const days = Array.from({ length: SAMPLE_DAYS }, (_, i) => addDays(firstDay, i));
  await ensureSamplePartitions(dataSource, firstDay, WORLD_TODAY);
  const batches: string[][] = [];
  for (let start = 0; start < systems.length; start += SYSTEMS_PER_BATCH) batches.push(systems.slice(start, start + SYSTEMS_PER_BATCH));
  let written = 0;
  // A seed that fails is run again from the start: no batch need wait for its commit to be flushed.
  await inBatches(batches, systems.length, 'samples', scaled, (batch) =>
    dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL synchronous_commit = off');
      const hours = SAMPLE_DAYS * SAMPLES_PER_DAY;
      const [, count] = (await manager.query(INSERT_SAMPLES, [batch, hours, `${firstDay}T00:00:00+08:00`])) as [unknown, number];
      written += count;
    }),
  );
  await dataSource.query('ANALYZE "supervision"."system_sample"');
  const rollUp = rollUpSystemDaysSql('unnest($1::uuid[], $2::date[]) AS t(system_id, day)');
  await inBatches(batches, systems.length, 'rollups', scaled, (batch) =>
    dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL synchronous_commit = off');
      const pairs = batch.flatMap((id) => days.map((day) => [id, day] as const));
      await manager.query(rollUp, [pairs.map(([id]) => id), pairs.map(([, day]) => day)]);
    }),
  );
  return written;
}
