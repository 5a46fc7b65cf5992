// The pieces of a list's typed `filter` input as SQL on the list's query (issue 12): an id, a region
// code, one of several values, a day range. Each is a plain comparison on a column, so the column's index
// serves it; a malformed id or an unknown region code is BAD_USER_INPUT naming the filter's field.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { whereInDayRange, type DayRange } from './date-range';
import { parseId, requireRegionCode } from './ids';

/** A parameter name from a column (`finding.provider_id` → `filter_finding_provider_id`), so two filters never collide. */
function parameterOf(column: string): string {
  return `filter_${column.replace(/\W/g, '_')}`;
}

/** `column = id` when the filter gives one; `byCode` names the lookup a code belongs in (`providerByCode(code)`). */
export function whereIdIs<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  value: string | null | undefined,
  field: string,
  byCode?: string,
): SelectQueryBuilder<T> {
  if (value == null) return query;
  return query.andWhere(`${column} = :${parameterOf(column)}`, { [parameterOf(column)]: parseId(value, field, { byCode }) });
}

/** `column = region code` when the filter gives one (371600 or one of its counties). */
export function whereRegionIs<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  value: string | null | undefined,
  field: string,
): SelectQueryBuilder<T> {
  if (value == null) return query;
  return query.andWhere(`${column} = :${parameterOf(column)}`, { [parameterOf(column)]: requireRegionCode(value, field) });
}

/** `column IN (values)` when the filter gives a list; an empty list does not filter. */
export function whereOneOf<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  values: readonly (string | number)[] | null | undefined,
): SelectQueryBuilder<T> {
  if (values == null || values.length === 0) return query;
  return query.andWhere(`${column} IN (:...${parameterOf(column)})`, { [parameterOf(column)]: [...values] });
}

/** The filter's `<name>From` / `<name>To` day range on `column` (kit/date-range.ts), errors naming `filter.<name>From`. */
export function whereFilterDays<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  type: 'date' | 'timestamptz',
  range: DayRange,
  name: string,
): SelectQueryBuilder<T> {
  return whereInDayRange(query, column, type, range, { from: `filter.${name}From`, to: `filter.${name}To` });
}
