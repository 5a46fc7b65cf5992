// The SQL shared by the mutation and the file import: write raw samples (skipping known ones) and
// recompute the daily roll-ups of exactly the days that gained a sample. Days are China calendar
// days. Every statement is set-based: its count never depends on how many rows are written.

import { SYSTEM_DAY_COLUMNS } from './day-figures';

/** The roll-ups' calendar (北京时间). */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

/** `expr` (a timestamptz) as its China calendar day. */
export const chinaDay = (expr: string) => `(${expr} AT TIME ZONE '${CHINA_TIME_ZONE}')::date`;

/** The instants [start, end) of a China day held in `dayExpr`. */
const dayStart = (dayExpr: string) => `(${dayExpr}::timestamp AT TIME ZONE '${CHINA_TIME_ZONE}')`;
const dayEnd = (dayExpr: string) => `((${dayExpr} + 1)::timestamp AT TIME ZONE '${CHINA_TIME_ZONE}')`;

/**
 * `s.measured_at` within the first and last touched days, as scalar subqueries: whatever join the
 * planner picks, the executor prunes the monthly partitions (migration 1796301500001) outside them
 * before it reads any, so a month's roll-up reads that month's partition only.
 */
const touchedRange = (touched: string) =>
  `s.measured_at >= (SELECT ${dayStart('min(day)')} FROM ${touched}) AND s.measured_at < (SELECT ${dayEnd('max(day)')} FROM ${touched})`;

const p95 = (column: string) => `round((percentile_cont(0.95) WITHIN GROUP (ORDER BY ${column}))::numeric, 2)`;

/** `insert` (an INSERT … SELECT skipping known samples) and one row per touched (key, day) with `n`, the rows it wrote. */
function writtenPerDay(key: string, insert: string): string {
  return `
    WITH inserted AS (${insert} RETURNING s.${key}, s.measured_at)
    SELECT ${key}, ${chinaDay('measured_at')}::text AS day, count(*)::int AS n FROM inserted GROUP BY 1, 2`;
}

/**
 * Inserts system samples from `source` (an SQL relation `b` with the SAMPLE_FIELDS columns),
 * copying unit, provider and region from the system facts; systems unknown to the replica or not
 * on the cloud are left out (callers reject them before). A known (system, instant) is skipped.
 * Returns one row per touched (system_id, day) with `n`, the samples accepted for it.
 */
export function insertSystemSamplesSql(source: string): string {
  return writtenPerDay(
    'system_id',
    `
      INSERT INTO "supervision"."system_sample" AS s
        (system_id, measured_at, unit_id, provider_id, region_code, cpu_percent, memory_percent, storage_used_gb,
         network_percent, bandwidth_mbps)
      SELECT b.system_id, b.measured_at, fact.unit_id, fact.provider_id, fact.region_code, b.cpu_percent,
             b.memory_percent, b.storage_used_gb, b.network_percent, b.bandwidth_mbps
        FROM ${source}
        JOIN "supervision"."system_fact" fact ON fact.system_id = b.system_id AND fact.provider_id IS NOT NULL
      ON CONFLICT ON CONSTRAINT "system_sample_pkey" DO NOTHING`,
  );
}

/** As insertSystemSamplesSql for provider samples (the provider is not checked here). */
export function insertProviderSamplesSql(source: string): string {
  return writtenPerDay(
    'provider_id',
    `
      INSERT INTO "supervision"."provider_sample" AS s
        (provider_id, measured_at, availability_percent, incident_count, response_minutes, complaint_count)
      SELECT b.provider_id, b.measured_at, b.availability_percent, b.incident_count, b.response_minutes, b.complaint_count
        FROM ${source}
      ON CONFLICT ON CONSTRAINT "provider_sample_pkey" DO NOTHING`,
  );
}

/**
 * Recomputes `monitoring_daily` for the distinct (system_id, day) pairs of `touched`, from every
 * raw sample of each day: average, 95th percentile (continuous) and peak of CPU, memory and network
 * use; bandwidth P95 and peak; storage at the day's last sample; the sample count; unit, provider
 * and region as of the last sample. A day already rolled up (or seeded) is replaced; a row whose
 * figures are unchanged is not rewritten, so repeating a roll-up changes nothing.
 */
export function rollUpSystemDaysSql(touched: string): string {
  const aggregates = [
    ['cpu_avg_percent', 'round(avg(s.cpu_percent), 2)'],
    ['cpu_p95_percent', p95('s.cpu_percent')],
    ['cpu_peak_percent', 'max(s.cpu_percent)'],
    ['memory_avg_percent', 'round(avg(s.memory_percent), 2)'],
    ['memory_p95_percent', p95('s.memory_percent')],
    ['memory_peak_percent', 'max(s.memory_percent)'],
    ['network_avg_percent', 'round(avg(s.network_percent), 2)'],
    ['network_p95_percent', p95('s.network_percent')],
    ['network_peak_percent', 'max(s.network_percent)'],
    ['bandwidth_p95_mbps', p95('s.bandwidth_mbps')],
    ['bandwidth_peak_mbps', 'max(s.bandwidth_mbps)'],
    ['sample_count', 'count(*)::int'],
  ] as const;
  const fromLastSample = ['storage_used_gb', 'unit_id', 'provider_id', 'region_code'] as const;
  const columns = SYSTEM_DAY_COLUMNS;
  // Aggregate each day first, then find its last sample: a LATERAL joined before the GROUP BY
  // ran once per sample (a million probes for a million samples), not once per day. The ordered
  // pairs let the grouping stream without sorting the samples.
  return `
    INSERT INTO "supervision"."monitoring_daily" AS d (id, system_id, day, ${columns.join(', ')})
    SELECT md5(a.system_id::text || ':' || a.day::text)::uuid, a.system_id, a.day,
           ${[...aggregates.map(([column]) => `a.${column}`), ...fromLastSample.map((column) => `last.${column}`)].join(', ')}
      FROM (
        SELECT t.system_id, t.day,
               ${aggregates.map(([column, expr]) => `${expr} AS ${column}`).join(',\n               ')}
          FROM (SELECT DISTINCT system_id, day FROM ${touched} ORDER BY 1, 2) t
          JOIN "supervision"."system_sample" s
            ON s.system_id = t.system_id AND s.measured_at >= ${dayStart('t.day')} AND s.measured_at < ${dayEnd('t.day')}
           AND ${touchedRange(touched)}
         GROUP BY t.system_id, t.day
      ) a
      -- The day's last sample, one primary-key probe per day (cheaper than sorting every sample).
      CROSS JOIN LATERAL (
        SELECT ${fromLastSample.map((column) => `l.${column}`).join(', ')} FROM "supervision"."system_sample" l
         WHERE l.system_id = a.system_id AND l.measured_at >= ${dayStart('a.day')} AND l.measured_at < ${dayEnd('a.day')}
         ORDER BY l.measured_at DESC LIMIT 1
      ) last
    ${replaceChangedSystemDays}`;
}

/** A system's day already rolled up is replaced; one whose figures are unchanged is not rewritten. */
const replaceChangedSystemDays = `ON CONFLICT ON CONSTRAINT "monitoring_daily_system_day_key" DO UPDATE SET
      ${SYSTEM_DAY_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
    WHERE (${SYSTEM_DAY_COLUMNS.map((column) => `d.${column}`).join(', ')}) IS DISTINCT FROM (${SYSTEM_DAY_COLUMNS.map((column) => `EXCLUDED.${column}`).join(', ')})`;

const SYSTEM_DAY_TYPES: Record<(typeof SYSTEM_DAY_COLUMNS)[number], string> = {
  cpu_avg_percent: 'numeric',
  cpu_p95_percent: 'numeric',
  cpu_peak_percent: 'numeric',
  memory_avg_percent: 'numeric',
  memory_p95_percent: 'numeric',
  memory_peak_percent: 'numeric',
  network_avg_percent: 'numeric',
  network_p95_percent: 'numeric',
  network_peak_percent: 'numeric',
  bandwidth_p95_mbps: 'numeric',
  bandwidth_peak_mbps: 'numeric',
  sample_count: 'int',
  storage_used_gb: 'numeric',
  unit_id: 'uuid',
  provider_id: 'uuid',
  region_code: 'varchar',
};

/**
 * Writes system days' figures computed elsewhere (ingest/day-figures.ts): $1 the system ids, $2 the
 * days, then one array per SYSTEM_DAY_COLUMNS column, replacing a day as rollUpSystemDaysSql does.
 */
export function writeSystemDaysSql(): string {
  const arrays = ['$1::uuid[]', '$2::date[]', ...SYSTEM_DAY_COLUMNS.map((column, i) => `$${i + 3}::${SYSTEM_DAY_TYPES[column]}[]`)];
  return `
    INSERT INTO "supervision"."monitoring_daily" AS d (id, system_id, day, ${SYSTEM_DAY_COLUMNS.join(', ')})
    SELECT md5(t.system_id::text || ':' || t.day::text)::uuid, t.system_id, t.day, ${SYSTEM_DAY_COLUMNS.map((column) => `t.${column}`).join(', ')}
      FROM unnest(${arrays.join(', ')}) AS t(system_id, day, ${SYSTEM_DAY_COLUMNS.join(', ')})
    ${replaceChangedSystemDays}`;
}

/**
 * Recomputes `provider_monitoring_daily` for the distinct (provider_id, day) pairs of `touched`:
 * average availability and response time, incidents and complaints summed over the day's samples.
 */
export function rollUpProviderDaysSql(touched: string): string {
  const figures = [
    ['availability_percent', 'round(avg(s.availability_percent), 2)'],
    ['incident_count', 'sum(s.incident_count)::int'],
    ['avg_response_minutes', 'round(avg(s.response_minutes), 2)'],
    ['complaint_count', 'sum(s.complaint_count)::int'],
    ['sample_count', 'count(*)::int'],
  ] as const;
  const columns = figures.map(([column]) => column);
  return `
    INSERT INTO "supervision"."provider_monitoring_daily" AS d (id, provider_id, day, ${columns.join(', ')})
    SELECT md5(t.provider_id::text || ':' || t.day::text)::uuid, t.provider_id, t.day,
           ${figures.map(([, expr]) => expr).join(', ')}
      FROM (SELECT DISTINCT provider_id, day FROM ${touched}) t
      JOIN "supervision"."provider_sample" s
        ON s.provider_id = t.provider_id AND s.measured_at >= ${dayStart('t.day')} AND s.measured_at < ${dayEnd('t.day')}
       AND ${touchedRange(touched)}
     GROUP BY t.provider_id, t.day
    ON CONFLICT ON CONSTRAINT "provider_monitoring_daily_provider_day_key" DO UPDATE SET
      ${columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
    WHERE (${columns.map((column) => `d.${column}`).join(', ')}) IS DISTINCT FROM (${columns.map((column) => `EXCLUDED.${column}`).join(', ')})`;
}
