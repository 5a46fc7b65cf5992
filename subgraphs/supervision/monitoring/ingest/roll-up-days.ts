// The roll-ups of the days an import touched (import-file.ts), in the import's transaction: a day no
// sample had reached before from the figures computed as the file's rows streamed by
// (day-figures.ts), as its rows are all it has; any other day from the raw table.
import type { PoolClient } from 'pg';
import type { DayFigures, TouchedDay } from './day-figures';
import { rollUpProviderDaysSql, rollUpSystemDaysSql, writeSystemDaysSql } from './rollup-sql';
import type { SampleKind } from './sample-rows';

const ROLL_UP_DAYS_PER_STATEMENT = 2_000;

/**
 * Rolls up `days` of `kind`; `figures`, when the first attempt kept them, for the days with no
 * roll-up before. `rolledUp` is told the days done so far. Returns how many came from the figures.
 */
export async function rollUpTouchedDays(
  client: PoolClient,
  kind: SampleKind,
  days: readonly TouchedDay[],
  figures: DayFigures | null,
  rolledUp: (done: number) => void,
): Promise<{ daysFromFile: number }> {
  const fromTable = kind === 'system' && figures?.kept ? await writeNewDays(client, days, figures, rolledUp) : days;
  const key = kind === 'system' ? 'system_id' : 'provider_id';
  const rollUp = kind === 'system' ? rollUpSystemDaysSql : rollUpProviderDaysSql;
  const sql = rollUp(`unnest($1::uuid[], $2::date[]) AS t(${key}, day)`);
  const daysFromFile = days.length - fromTable.length;
  for (let i = 0; i < fromTable.length; i += ROLL_UP_DAYS_PER_STATEMENT) {
    const part = fromTable.slice(i, i + ROLL_UP_DAYS_PER_STATEMENT);
    await client.query(sql, [part.map((d) => d.id), part.map((d) => d.day)]);
    rolledUp(daysFromFile + i + part.length);
  }
  return { daysFromFile };
}

/**
 * Writes the roll-ups of the touched days that had none before from the figures the first attempt
 * computed (day-figures.ts): their rows are all they have. Returns the other days, which already
 * had samples and are rolled up from the raw table.
 */
async function writeNewDays(
  client: PoolClient,
  days: readonly TouchedDay[],
  figures: DayFigures,
  rolledUp: (done: number) => void,
): Promise<TouchedDay[]> {
  const { rows } = await client.query<{ key: string }>(
    `SELECT d.system_id::text || '|' || d.day::text AS key FROM "supervision"."monitoring_daily" d
       JOIN unnest($1::uuid[], $2::date[]) AS t(system_id, day) ON d.system_id = t.system_id AND d.day = t.day`,
    [days.map((d) => d.id), days.map((d) => d.day)],
  );
  const before = new Set(rows.map((row) => row.key));
  const fresh = days.filter((d) => !before.has(`${d.id}|${d.day}`));
  const sql = writeSystemDaysSql();
  for (let i = 0; i < fresh.length; i += ROLL_UP_DAYS_PER_STATEMENT) {
    const part = fresh.slice(i, i + ROLL_UP_DAYS_PER_STATEMENT);
    await client.query(sql, figures.columns(part));
    rolledUp(i + part.length);
  }
  return days.filter((d) => before.has(`${d.id}|${d.day}`));
}
