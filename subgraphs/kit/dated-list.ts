// A list filtered to a day range and paged in the order of the same day column (incidents by report
// time, inspections by day, rectifications by deadline …): the range's SQL (date-range.ts) and the
// keyset page (connection.ts paginateOrdered) over one column, which one (column, id) index serves.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { paginateOrdered, type Connection, type ConnectionArgs } from './connection';
import type { DayRange } from './date-range';
import { whereFilterDays } from './list-filter';

export interface DatedPageOptions<T> {
  /** The query's main alias, e.g. `incident`. */
  alias: string;
  /** The date or timestamptz column (without the alias), e.g. `reported_at`. */
  column: string;
  type: 'date' | 'timestamptz';
  /** The filter's range on that column, and the range's name: `reported` for `filter.reportedFrom` / `filter.reportedTo`. */
  range: DayRange;
  name: string;
  direction: 'ASC' | 'DESC';
  /** The row's value of the column as the cursor carries it: an ISO day, or an instant (kit/instants.ts). */
  sortValueOf: (row: T) => string;
}

/** Rows of `query` within the day range, one keyset page in the column's order, the id breaking ties. */
export function pageWithinDays<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  options: DatedPageOptions<T>,
): Promise<Connection<T>> {
  const column = `${options.alias}.${options.column}`;
  whereFilterDays(query, column, options.type, options.range, options.name);
  return paginateOrdered(query, args, {
    alias: options.alias,
    sortExpression: column,
    sortType: options.type,
    direction: options.direction,
    sortValueOf: options.sortValueOf,
  });
}
