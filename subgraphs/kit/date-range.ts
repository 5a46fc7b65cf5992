// A list filter's day range (`…From` / `…To`, calendar days in Beijing time, both included) as SQL
// on a date or timestamptz column, so the column's index serves it.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from './errors';

export interface DayRange {
  from?: string | null;
  to?: string | null;
}

/**
 * Adds `column` within [from, to] to `query`: for a timestamptz column the days are Beijing's
 * (Asia/Shanghai), `to` until its midnight. `from` after `to` is BAD_USER_INPUT naming `fields`.
 */
export function whereInDayRange<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  type: 'date' | 'timestamptz',
  range: DayRange,
  fields: { from: string; to: string },
): SelectQueryBuilder<T> {
  if (range.from && range.to && range.from > range.to) {
    throw new BadUserInputError(`起始日期（${fields.from}）不能晚于截止日期（${fields.to}）`, fields.from);
  }
  // Parameter names from the argument's, so two ranges on one query do not collide.
  const name = fields.from.replace(/\W/g, '_');
  if (range.from) {
    const start = type === 'date' ? `CAST(:${name}From AS date)` : `(CAST(:${name}From AS timestamp) AT TIME ZONE 'Asia/Shanghai')`;
    query.andWhere(`${column} >= ${start}`, { [`${name}From`]: range.from });
  }
  if (range.to) {
    const end =
      type === 'date'
        ? `${column} <= CAST(:${name}To AS date)`
        : `${column} < ((CAST(:${name}To AS timestamp) + INTERVAL '1 day') AT TIME ZONE 'Asia/Shanghai')`;
    query.andWhere(end, { [`${name}To`]: range.to });
  }
  return query;
}
