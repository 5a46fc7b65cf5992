import { createHash } from 'node:crypto';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from './errors';
import { isUuid } from './ids';
import { isCountWanted } from './total-count';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Relay-style forward pagination arguments. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfo {
  /** A function when the page read nothing (`first: 0`): called only when selected (kit/total-count.ts). */
  hasNextPage: boolean | (() => Promise<boolean>);
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** `totalCount` may be a function: GraphQL's default resolver calls it only when asked for. */
export interface Connection<T> {
  edges: Array<Edge<T>>;
  pageInfo: PageInfo;
  totalCount: number | (() => Promise<number>);
}

/** Where a cursor points: the sort value and id of the last row seen. */
type CursorKey = [sortValue: string, id: string];

/**
 * A cursor: its key and its list's tag (`cursorList`). A cursor carries the list and order it was
 * made in, so one from another list, or from this list in another order, is refused rather than
 * read as a position it never was (an empty "last" page, say).
 */
export function encodeCursor(key: CursorKey, list: string): string {
  return Buffer.from(JSON.stringify([...key, list])).toString('base64url');
}

const BAD_CURSOR = '分页游标 after 无效，请使用上一页返回的 endCursor（游标只能用于产生它的列表和排序）';

/** The key of a cursor made by `encodeCursor(key, list)`; BAD_USER_INPUT for any other. */
export function decodeCursor(cursor: string, list: string): CursorKey {
  const parts = cursorParts(cursor);
  if (parts?.[2] !== list) throw new BadUserInputError(BAD_CURSOR, 'after');
  return [parts[0], parts[1]];
}

/**
 * BAD_USER_INPUT unless `cursor` has a cursor's shape: for a field that checks its arguments before
 * its list is known (a child page's key); the list's own `decodeCursor` checks the tag.
 */
export function checkCursorShape(cursor: string): void {
  if (!cursorParts(cursor)) throw new BadUserInputError(BAD_CURSOR, 'after');
}

function cursorParts(cursor: string): [string, string, string] | null {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === 3 && parts.every((part) => typeof part === 'string')) {
      return parts as [string, string, string];
    }
  } catch {
    // not a cursor: null below
  }
  return null;
}

const listTags = new Map<string, string>();

/**
 * A short tag of a list and its order, from a text naming both (`todo|DUE_ON|ASC`, a table with
 * its sort expression and direction): what every cursor of that list carries.
 */
export function cursorList(description: string): string {
  let tag = listTags.get(description);
  if (tag === undefined) {
    tag = createHash('sha256').update(description).digest('base64url').slice(0, 8);
    if (listTags.size < 10_000) listTags.set(description, tag);
  }
  return tag;
}

/** A keyset list's tag: its table, sort expression and direction. */
function keysetListOf(query: SelectQueryBuilder<ObjectLiteral>, order: { sortExpression: string; direction: string }): string {
  const main = query.expressionMap.mainAlias;
  const table = main?.hasMetadata ? main.metadata.tablePath : '';
  return cursorList(`${table}|${order.sortExpression}|${order.direction}`);
}

export function pageSize(args: ConnectionArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first 须为 0 到 ${MAX_PAGE_SIZE} 之间的整数`, 'first');
  }
  return first;
}

/**
 * The connection of one fetched page: `edges` built from the first `size` of the rows fetched (one
 * more than a page, so `fetched > size` says a next page exists). Edges may carry fields of their own.
 * A list that skips its read for `first: 0` (a count alone) gives `rowFollows`, which reads whether
 * a row follows the cursor, so `hasNextPage` is still the truth, read only when selected.
 */
export function pageConnection<E extends { cursor: string }, C extends Connection<unknown>['totalCount']>(
  edges: E[],
  fetched: number,
  size: number,
  hadCursor: boolean,
  totalCount: C,
  rowFollows?: () => Promise<boolean>,
): { edges: E[]; pageInfo: PageInfo; totalCount: C } {
  return {
    edges,
    pageInfo: {
      hasNextPage: size === 0 && fetched === 0 && rowFollows ? rowFollows : fetched > size,
      hasPreviousPage: hadCursor,
      // Read when asked for: an edge's cursor is encoded on first read (keyedEdges).
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    totalCount,
  };
}

/**
 * A page's rows from `read` (at most `size + 1`), not read for a page of none (`first: 0`, a count
 * alone), and the check `pageConnection` makes of such a page when its `hasNextPage` is selected.
 */
export async function readPage<R>(size: number, read: () => Promise<R[]>): Promise<{ rows: R[]; rowFollows: () => Promise<boolean> }> {
  return { rows: size === 0 ? [] : await read(), rowFollows: async () => (await read()).length > 0 };
}

/**
 * The edges of `rows`, each cursor encoded only when read: most queries (the dashboard's lists of
 * 100 and 50) select no cursor, so encoding one per row was wasted (issue 14).
 */
export function keyedEdges<T>(rows: readonly T[], keyOf: (row: T) => CursorKey, list: string): Array<Edge<T>> {
  return rows.map((node) => {
    let cursor: string | undefined;
    return {
      node,
      get cursor() {
        cursor ??= encodeCursor(keyOf(node), list);
        return cursor;
      },
    };
  });
}

function connectionOf<T>(
  rows: T[],
  size: number,
  keyOf: (row: T) => CursorKey,
  hadCursor: boolean,
  totalCount: Connection<T>['totalCount'],
  list: string,
  rowFollows?: () => Promise<boolean>,
): Connection<T> {
  return pageConnection(keyedEdges(rows.slice(0, size), keyOf, list), rows.length, size, hadCursor, totalCount, rowFollows);
}

export interface PaginateQueryOptions<T> {
  /** The query's main alias, e.g. `provider`. */
  alias: string;
  /** The column to sort by (unique together with `id`), e.g. `code`; compared as text. */
  sortColumn: string;
  /** Reads the sort value from a loaded entity. */
  sortValueOf: (entity: T) => string;
  /**
   * A text expression to sort by instead of `alias.sortColumn::text`, when the order is over more
   * than one column (e.g. a line's position, then its first day); `sortValueOf` must compute the same.
   */
  sortExpression?: string;
  /** Reads the page's rows (KeysetOrder.rows). */
  rows?: PageRows<T>;
}

/** How one keyset page is ordered, how the cursor's position is compared in SQL and what a cursor carries. */
export interface KeysetOrder<T> {
  /** The ORDER BY expressions for (sort value, id). */
  sortExpression: string;
  idExpression: string;
  direction: 'ASC' | 'DESC';
  /** Rows without a sort value come last in either direction (the sort expression may be NULL). */
  nullsLast?: boolean;
  /** The WHERE clause after the cursor's (sort value, id), with its parameters; BAD_USER_INPUT for a cursor it cannot compare. */
  afterCursor: (sortValue: string, lastId: string) => { where: string; parameters: ObjectLiteral };
  /** The sort value a row's cursor carries. */
  cursorValueOf: (row: T) => string;
  /** Reads the page's rows; unset, as entities (`getMany`); kit/plain-rows.ts reads only some columns. */
  rows?: PageRows<T>;
}

/** How a page's rows are read from its finished query. */
export type PageRows<T> = (page: SelectQueryBuilder<T & ObjectLiteral>) => Promise<T[]>;

/**
 * One keyset page of `query` in `order` after the cursor, one extra row to know of a next page, and a
 * COUNT for `totalCount`, sent beside the page when the query selects it (kit/total-count.ts), else
 * only when read: every keyset list's one implementation (paginateQuery, paginateOrdered,
 * kit/ordered-connection.ts).
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  order: KeysetOrder<T>,
): Promise<Connection<T>> {
  const size = pageSize(args);
  const list = keysetListOf(query, order);
  const countQuery = query.clone();
  const page = query.clone();
  if (args.after) {
    const [sortValue, lastId] = decodeCursor(args.after, list);
    const after = order.afterCursor(sortValue, lastId);
    page.andWhere(after.where, after.parameters);
  }
  // Asked for, the count is sent with the page (total-count.ts); else only if totalCount is read.
  const count = isCountWanted(args) ? countQuery.getCount() : undefined;
  // A page that fails reports its own error; a failed count surfaces at totalCount.
  count?.catch(() => undefined);
  page
    .orderBy(order.sortExpression, order.direction, order.nullsLast ? 'NULLS LAST' : undefined)
    .addOrderBy(order.idExpression, order.direction)
    .take(undefined)
    .limit(size + 1);
  const { rows, rowFollows } = await readPage(size, () => (order.rows ? order.rows(page) : page.getMany()));
  return connectionOf(
    rows,
    size,
    (row) => [order.cursorValueOf(row), row.id],
    Boolean(args.after),
    count ? () => count : () => countQuery.getCount(),
    list,
    rowFollows,
  );
}

/**
 * Keyset pagination over a query: rows after the cursor in (sort column, id) order, compared as
 * text, one extra row to know whether there is a next page, and a lazy COUNT for `totalCount`.
 */
export function paginateQuery<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  options: PaginateQueryOptions<T>,
): Promise<Connection<T>> {
  const sort = options.sortExpression ?? `${options.alias}.${options.sortColumn}::text`;
  const id = `${options.alias}.id::text`;
  return keysetPage(query, args, {
    sortExpression: sort,
    idExpression: id,
    direction: 'ASC',
    afterCursor: (cursorSort, cursorId) => ({ where: `(${sort}, ${id}) > (:cursorSort, :cursorId)`, parameters: { cursorSort, cursorId } }),
    cursorValueOf: options.sortValueOf,
    rows: options.rows,
  });
}

export interface NewestFirstOptions<T> {
  alias: string;
  /** A date or timestamptz column, e.g. `reported_at`. */
  sortColumn: string;
  sortType: 'date' | 'timestamptz';
  /** The sort value of a loaded row as an ISO string (a date, or an instant). */
  sortValueOf: (row: T) => string;
}

/**
 * Keyset pagination newest first, for records read latest first (incidents, inspections, access
 * records): (sort column, id) descending, compared in the column's own type.
 */
export function paginateNewestFirst<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  options: NewestFirstOptions<T>,
): Promise<Connection<T>> {
  const { sortColumn, ...rest } = options;
  return paginateOrdered(query, args, { ...rest, sortExpression: `${options.alias}.${sortColumn}`, direction: 'DESC' });
}

export interface OrderedPageOptions<T> {
  /** The query's main alias, e.g. `provider`. */
  alias: string;
  /** The SQL expression sorted on, e.g. `provider.name` or `incident.reported_at`; with `id` it is unique. */
  sortExpression: string;
  /** How the sort value compares in SQL: as text (byte order, `::text`), a date or an instant. */
  sortType: 'text' | 'date' | 'timestamptz';
  direction: 'ASC' | 'DESC';
  /** The sort value of a loaded row, as the cursor carries it (the text, an ISO date or instant). */
  sortValueOf: (row: T) => string;
}

/**
 * Keyset pagination in a chosen order (a list's `orderBy`): (sort expression, id) ascending or
 * descending, compared in the sort value's own type, so every row appears once however the pages
 * fall; the cursor carries the sort value and the id of the last row seen.
 */
export function paginateOrdered<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  options: OrderedPageOptions<T>,
): Promise<Connection<T>> {
  const text = options.sortType === 'text';
  const sort = text ? `(${options.sortExpression})::text` : options.sortExpression;
  const id = text ? `${options.alias}.id::text` : `${options.alias}.id`;
  const after = text ? '(:cursorSort, :cursorId)' : `(CAST(:cursorSort AS ${options.sortType}), CAST(:cursorId AS uuid))`;
  return keysetPage(query, args, {
    sortExpression: sort,
    idExpression: id,
    direction: options.direction,
    afterCursor: (cursorSort, cursorId) => {
      if (!isUuid(cursorId) || (!text && Number.isNaN(Date.parse(cursorSort)))) {
        throw new BadUserInputError('分页游标 after 无效，请使用上一页返回的 endCursor', 'after');
      }
      return { where: `(${sort}, ${id}) ${options.direction === 'ASC' ? '>' : '<'} ${after}`, parameters: { cursorSort, cursorId } };
    },
    cursorValueOf: options.sortValueOf,
  });
}
