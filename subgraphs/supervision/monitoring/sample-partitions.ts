// Monthly partitions of the raw monitoring samples (第二十四条; migration 1796301500001): made
// ahead of the samples, and dropped whole when they pass the retention period. Both run through the
// owner's SECURITY DEFINER functions, so the service role needs no right to create or drop tables.
import { addMonths } from '../../kit/dates';
import { chinaDay } from './ingest/rollup-sql';

/** Anything that runs SQL: a DataSource, an EntityManager, a pg client. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Months made ahead of today by the worker, so a month's first samples never land in the DEFAULT partition. */
export const PARTITION_MONTHS_AHEAD = 2;

/**
 * Raw samples are kept for this year and the last (第十六条: last year's fees are settled by
 * 5 January from the roll-ups, which a late resubmission may still recompute); every read uses the
 * daily roll-ups, which are kept for good.
 */
export function firstKeptSampleDay(today: string): string {
  return `${Number(today.slice(0, 4)) - 1}-01-01`;
}

/** Creates the month partitions from `fromDay`'s month to `toDay`'s (China days); returns how many were new. */
export async function ensureSamplePartitions(db: Queryable, fromDay: string, toDay: string): Promise<number> {
  const rows = (await db.query('SELECT "supervision"."ensure_sample_partitions"($1::date, $2::date) AS created', [fromDay, toDay])) as
    Array<{ created: number }> | { rows: Array<{ created: number }> };
  return (Array.isArray(rows) ? rows : rows.rows)[0]?.created ?? 0;
}

/**
 * The statement the import runs once its rows are staged: partitions for every month of the
 * staged samples, with the staged rows' count and last line, in one scan and one round trip. The
 * day of the earliest and latest instant (not every row's day: the day is monotonic in the instant).
 */
export const ENSURE_STAGED_MONTHS_SQL = `
  SELECT "supervision"."ensure_sample_partitions"(${chinaDay('min(measured_at)')}, ${chinaDay('max(measured_at)')}) AS created,
         max(line)::text AS last, count(*)::int AS rows
    FROM monitoring_staging`;

/** This month's partition and the next `PARTITION_MONTHS_AHEAD` months'. */
export function ensureMonthsAhead(db: Queryable, today: string): Promise<number> {
  return ensureSamplePartitions(db, today, addMonths(today, PARTITION_MONTHS_AHEAD));
}

/** Drops the partitions of months before `firstKeptSampleDay(today)` (and such rows of the DEFAULT partition); returns their names. */
export async function dropExpiredSamplePartitions(db: Queryable, today: string): Promise<string[]> {
  const rows = (await db.query('SELECT "supervision"."drop_sample_partitions_before"($1::date) AS dropped', [
    firstKeptSampleDay(today),
  ])) as Array<{ dropped: string }> | { rows: Array<{ dropped: string }> };
  return (Array.isArray(rows) ? rows : rows.rows).map((row) => row.dropped);
}
