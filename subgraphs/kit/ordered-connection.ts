// Keyset pages in an order the caller chooses (a list's `orderBy`): one sort column, ascending or
// descending, then the id in the same direction as the tiebreak. Rows without a sort value (an
// application not yet decided, ordered by decision day) come after every row with one, in either
// direction. The cursor names the order it belongs to and carries the sort value, so a page is
// correct under every order and a cursor of another order is BAD_USER_INPUT, not a wrong page.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { keysetPage, type Connection, type ConnectionArgs } from './connection';
import { BadUserInputError } from './errors';
import { isUuid } from './ids';

export type SortDirection = 'ASC' | 'DESC';
export type OrderColumnType = 'text' | 'date' | 'timestamptz' | 'integer';

export interface OrderedPageOptions<T> {
  /** The query's main alias, e.g. `app`; its `id` column is the tiebreak. */
  alias: string;
  /** The order's name as the cursor records it, e.g. `SUBMITTED_AT`. */
  key: string;
  /** The sort column, e.g. `submitted_on`. */
  column: string;
  /** The column's SQL type, to compare the cursor's value in it. */
  type: OrderColumnType;
  direction: SortDirection;
  /** The row's sort value as text (a date `YYYY-MM-DD`, an ISO instant, the text itself), or null. */
  sortValueOf: (row: T) => string | null;
}

const BAD_CURSOR = '分页游标 after 无效或不属于当前排序 (orderBy)，请使用同一排序上一页返回的 endCursor';

/** The cursor's sort value: `<key>:` then the value, or `<key>!` for a row without one. */
function cursorSort(key: string, value: string | null): string {
  return value === null ? `${key}!` : `${key}:${value}`;
}

/** Whether a cursor's value can be compared as the column's type (a forged one must not become a 500). */
function readable(type: OrderColumnType, value: string): boolean {
  if (type === 'text') return true;
  if (type === 'integer') return /^-?\d{1,9}$/.test(value);
  return !Number.isNaN(Date.parse(value));
}

function readCursor(sort: string, id: string, options: OrderedPageOptions<unknown>): { value: string | null; id: string } {
  if (!isUuid(id)) throw new BadUserInputError(BAD_CURSOR, 'after');
  if (sort === `${options.key}!`) return { value: null, id };
  if (!sort.startsWith(`${options.key}:`)) throw new BadUserInputError(BAD_CURSOR, 'after');
  const value = sort.slice(options.key.length + 1);
  if (!readable(options.type, value)) throw new BadUserInputError(BAD_CURSOR, 'after');
  return { value, id };
}

/**
 * One page of `query` in the chosen order after the cursor, one row more to know of a next page,
 * and a lazy COUNT for `totalCount` (kit/connection.ts keysetPage). An index on (column, id) in the
 * order's direction, nulls last, serves it.
 */
export function paginateOrdered<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  options: OrderedPageOptions<T>,
): Promise<Connection<T>> {
  const column = `${options.alias}.${options.column}`;
  const id = `${options.alias}.id`;
  const before = options.direction === 'ASC' ? '>' : '<';
  return keysetPage(query, args, {
    sortExpression: column,
    idExpression: id,
    direction: options.direction,
    nullsLast: true,
    afterCursor: (sort, lastId) => {
      const cursor = readCursor(sort, lastId, options as OrderedPageOptions<unknown>);
      if (cursor.value === null) {
        return { where: `(${column} IS NULL AND ${id} ${before} CAST(:cursorId AS uuid))`, parameters: { cursorId: cursor.id } };
      }
      return {
        where: `((${column}, ${id}) ${before} (CAST(:cursorSort AS ${options.type}), CAST(:cursorId AS uuid)) OR ${column} IS NULL)`,
        parameters: { cursorSort: cursor.value, cursorId: cursor.id },
      };
    },
    cursorValueOf: (row) => cursorSort(options.key, options.sortValueOf(row)),
  });
}

/** One order a list offers: its column, the column's type and a row's value in it (text, or null). */
export interface OrderColumn<T> {
  column: string;
  type: OrderColumnType;
  valueOf: (row: T) => string | null;
}

/**
 * One page in the order a list's `orderBy: { field, direction }` chooses among `columns`, the id
 * breaking ties in the same direction; the cursor names the field and direction.
 */
export function pageInChosenOrder<T extends ObjectLiteral & { id: string }, F extends string>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  alias: string,
  columns: Record<F, OrderColumn<T>>,
  order: { field: F; direction?: SortDirection | null },
): Promise<Connection<T>> {
  const { column, type, valueOf } = columns[order.field];
  const direction = order.direction ?? 'ASC';
  return paginateOrdered(query, args, { alias, key: `${order.field}_${direction}`, column, type, direction, sortValueOf: valueOf });
}
