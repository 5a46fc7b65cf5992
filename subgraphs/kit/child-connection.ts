import DataLoader from 'dataloader';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  checkCursorShape,
  cursorList,
  decodeCursor,
  keyedEdges,
  pageConnection,
  pageSize,
  type Connection,
  type ConnectionArgs,
} from './connection';
import { childPageQuery, groupChildRows, plainChildPage, type ChildPageRows } from './child-page-rows';
import { childPageLoaders, parentOf } from './child-page-statement';
import { wellFormedIds } from './ids';
import type { PlainJoins } from './plain-rows';

/** One page of one parent's children: the parent's id and the field's paging arguments. */
export interface ChildPageKey extends ConnectionArgs {
  parentId: string;
  /** Read the children as plain rows with these properties (null: all columns) rather than entities (kit/child-page-rows.ts). */
  properties?: readonly string[] | null;
}

export interface ChildConnectionOptions<T extends ObjectLiteral> {
  /** A fresh scoped query over the children each call (the principal's scope already applied). */
  query: () => SelectQueryBuilder<T>;
  /** The query's main alias, e.g. `sys`. */
  alias: string;
  /**
   * The column naming the parent, e.g. `provider_id`; or, with its table's alias, a column of a table
   * `query` joins (`link.system_id`) when a child has several parents (each row's parent then comes
   * from the statement).
   */
  parentColumn: string;
  /** Reads the parent's id from a loaded child (not needed: the statement returns each row's parent). */
  parentOf?: (child: T) => string | null;
  /** The sort expression (unique together with id), as text, e.g. `sys.code::text`; compared as `paginateQuery` compares. */
  sortExpression: string;
  /** Reads the sort value from a loaded child; the same text `sortExpression` computes. */
  sortValueOf: (child: T) => string;
  /** `ASC` (the default) or `DESC`, newest first: (sort, id) both ways, so ties fall by id the same way. */
  direction?: 'ASC' | 'DESC';
  /** Rows a plain page may read joined with each child (kit/plain-rows.ts PlainJoin), asked for as `name.property`. */
  joins?: PlainJoins;
}

/**
 * The loaders of a child connection (`Provider.hostedSystems`, `Unit.systems` …) under a batch of
 * parents: each batch of pages with the same `first`/`after` is ONE statement, `unnest(parent ids)
 * CROSS JOIN LATERAL (the parent's scoped children after the cursor ORDER BY sort, id LIMIT first + 1)`
 * (kit/child-page-statement.ts), which walks the (parent, sort, id) index for at most `first + 1`
 * rows a parent, so a page costs the same however many children there are, with the count of each
 * parent on the page from the same index; `totalCount` of a parent with no row on its page is one
 * grouped COUNT for those parents, when asked for. Cursors are `[sort value, id]` and compare as `paginateQuery`'s do,
 * ascending or, with `direction: 'DESC'`, descending (newest first) without faking the order.
 */
export function childConnectionLoader<T extends ObjectLiteral & { id: string }>(
  options: ChildConnectionOptions<T>,
): DataLoader<ChildPageKey, Connection<T>, string> {
  const parent = parentOf(options);
  childPageLoaders.created?.(options as unknown as ChildConnectionOptions<ObjectLiteral>);
  return childPagesLoader<T>({
    list: cursorList(`child|${options.alias}|${options.parentColumn}|${options.sortExpression}|${options.direction ?? 'ASC'}`),
    keyOf: (row) => [options.sortValueOf(row), row.id],
    count: async (parentIds) => {
      const rows = await options
        .query()
        .select(`${parent}::text`, 'parent')
        .addSelect('count(*)::int', 'count')
        .andWhere(`${parent} = ANY(:childParents)`, { childParents: parentIds })
        .groupBy(parent)
        .getRawMany<{ parent: string; count: number }>();
      return new Map(rows.map((row) => [row.parent, Number(row.count)]));
    },
    page: async (parentIds, size, cursor, properties) => {
      if (properties !== undefined) return plainChildPage(options, parentIds, size, cursor, properties);
      const { entities, raw } = await childPageQuery(options, parentIds, size, cursor).getRawAndEntities<{
        ranked_total: string | number;
        ranked_parent: string;
      }>();
      const byId = new Map(entities.map((entity) => [entity.id, entity]));
      return groupChildRows(
        raw.map((row) => ({
          child: byId.get(String((row as Record<string, unknown>)[`${options.alias}_id`])),
          parent: row.ranked_parent,
          total: row.ranked_total,
        })),
      );
    },
  });
}

/**
 * Where a child connection's pages come from (`childConnectionLoader`'s entities, or groups of rows
 * aggregated in SQL): one page for a batch of parents, and the counts of parents apart.
 */
export interface ChildPageSource<T> {
  /**
   * At most `size + 1` children of each parent after the cursor, in the page's order, and each
   * parent's total where it has a row; with `properties` (the key's), plain rows with only those.
   */
  page(
    parentIds: string[],
    size: number,
    cursor: [sortValue: string, id: string] | null,
    properties?: readonly string[] | null,
  ): Promise<ChildPageRows<T>>;
  /** Each parent's children counted, in one grouped statement (a parent with none may be missing). */
  count(parentIds: string[]): Promise<Map<string, number>>;
  /** The child's cursor: its sort value and id. */
  keyOf(child: T): [sortValue: string, id: string];
  /** The tag its cursors carry (connection.ts cursorList): a cursor of another list is refused. */
  list: string;
}

/**
 * The loader of a child connection from its source: each batch of pages with the same
 * `first`/`after` is one `page` call; `totalCount` of a parent with no row on its page is one
 * `count` call for those parents, when asked for.
 */
export function childPagesLoader<T>(source: ChildPageSource<T>): DataLoader<ChildPageKey, Connection<T>, string> {
  const counts = new DataLoader<string, number>(async (parentIds) => {
    const valid = wellFormedIds(parentIds);
    const byParent = valid.length === 0 ? new Map<string, number>() : await source.count(valid);
    return parentIds.map((parentId) => byParent.get(parentId) ?? 0);
  });

  const pages = async (keys: readonly ChildPageKey[]): Promise<Array<Connection<T>>> => {
    const size = pageSize(keys[0]!);
    const after = keys[0]!.after ?? null;
    const cursor = after ? decodeCursor(after, source.list) : null;
    const parentIds = wellFormedIds(keys.map((key) => key.parentId));
    // A page of none (`first: 0`) after a cursor: whether each parent has a child after it, read once
    // for the batch when hasNextPage is selected (without a cursor, a count above 0 says it). Made
    // only for such a page: every other page knows it from its own rows.
    const followers =
      size === 0 && cursor
        ? new DataLoader<string, boolean>(async (ids) => {
            const { byParent: next } = await source.page(wellFormedIds(ids), 0, cursor, keys[0]!.properties);
            return ids.map((id) => (next.get(id)?.length ?? 0) > 0);
          })
        : null;
    const { byParent, totals } =
      parentIds.length > 0 && size > 0
        ? await source.page(parentIds, size, cursor, keys[0]!.properties)
        : { byParent: new Map<string, T[]>(), totals: new Map<string, number>() };
    return keys.map((key) => {
      const children = byParent.get(key.parentId) ?? [];
      const edges = keyedEdges(children.slice(0, size), (node) => source.keyOf(node), source.list);
      // The page's statement counted the parent's children; a parent with none on this page is counted apart.
      // Without a cursor, a parent with no row has no children.
      const total = totals.get(key.parentId) ?? (!cursor && size > 0 ? 0 : undefined);
      const rowFollows = followers ? () => followers.load(key.parentId) : async () => (await counts.load(key.parentId)) > 0;
      return pageConnection(edges, children.length, size, Boolean(after), total ?? (() => counts.load(key.parentId)), rowFollows);
    });
  };

  // One statement per distinct (first, after, properties) in the batch: the same field under many parents shares them.
  return new DataLoader<ChildPageKey, Connection<T>, string>(
    async (keys) => {
      const groups = new Map<string, number[]>();
      keys.forEach((key, index) => {
        const group = `${pageSize(key)}|${key.after ?? ''}|${propertiesKey(key)}`;
        const indexes = groups.get(group);
        if (indexes) indexes.push(index);
        else groups.set(group, [index]);
      });
      const results: Array<Connection<T> | Error> = new Array<Connection<T> | Error>(keys.length);
      await Promise.all(
        [...groups.values()].map(async (indexes) => {
          try {
            const connections = await pages(indexes.map((index) => keys[index]!));
            indexes.forEach((index, position) => (results[index] = connections[position]!));
          } catch (error) {
            for (const index of indexes) results[index] = error as Error;
          }
        }),
      );
      return results;
    },
    { cacheKeyFn: (key) => `${key.parentId}|${key.first ?? ''}|${key.after ?? ''}|${propertiesKey(key)}` },
  );
}

function propertiesKey(key: ChildPageKey): string {
  if (key.properties === undefined) return 'entities';
  return key.properties === null ? 'rows' : key.properties.join(',');
}

/**
 * The text an instant column sorts by in a child connection: UTC ISO with milliseconds, the same
 * text `Date.toISOString()` gives the loaded value (use that as `sortValueOf`).
 */
export function instantSortText(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * A child page for a parent: the loader's key from the field's arguments (checked here, so a bad one
 * fails alone); with `properties`, its children are plain rows with only those (ChildPageKey).
 */
export function childPage(parentId: string, args: ConnectionArgs, properties?: readonly string[] | null): ChildPageKey {
  pageSize(args);
  if (args.after) checkCursorShape(args.after);
  const key: ChildPageKey = { parentId, first: args.first ?? null, after: args.after ?? null };
  if (properties !== undefined) key.properties = properties;
  return key;
}
