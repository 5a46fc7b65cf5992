// Keyset pagination newest first (kit/connection.ts's paginateQuery sorts ascending only): incidents
// and inspections are read latest first. Cursors are (sort value, id) like the kit's.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor, pageSize, type Connection, type ConnectionArgs } from '../../kit/connection';
import { BadUserInputError } from '../../kit/errors';
import { isUuid } from '../../kit/ids';

export interface NewestFirstOptions<T> {
  alias: string;
  /** A date or timestamptz column, e.g. `reported_at`. */
  sortColumn: string;
  sortType: 'date' | 'timestamptz';
  /** The sort value of a loaded row as an ISO string (a date, or an instant). */
  sortValueOf: (row: T) => string;
}

export async function paginateNewestFirst<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  options: NewestFirstOptions<T>,
): Promise<Connection<T>> {
  const size = pageSize(args);
  const countQuery = query.clone();
  const sort = `${options.alias}.${options.sortColumn}`;
  const id = `${options.alias}.id`;
  const page = query.clone();
  if (args.after) {
    const [sortValue, lastId] = decodeCursor(args.after);
    // Checked here so a forged cursor is the caller's error, not a failed cast in SQL.
    if (!isUuid(lastId) || Number.isNaN(Date.parse(sortValue))) {
      throw new BadUserInputError('分页游标 after 无效，请使用上一页返回的 endCursor', 'after');
    }
    page.andWhere(`(${sort}, ${id}) < (CAST(:cursorSort AS ${options.sortType}), CAST(:cursorId AS uuid))`, {
      cursorSort: sortValue,
      cursorId: lastId,
    });
  }
  page
    .orderBy(sort, 'DESC')
    .addOrderBy(id, 'DESC')
    .take(undefined)
    .limit(size + 1);
  const rows = size === 0 && !args.after ? [] : await page.getMany();
  const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor([options.sortValueOf(node), node.id]), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => countQuery.getCount(),
  };
}
