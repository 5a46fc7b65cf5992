import DataLoader from 'dataloader';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor, pageConnection, pageSize, type Connection, type ConnectionArgs } from './connection';
import { childPageLoaders, childPageStatement } from './child-page-statement';
import { wellFormedIds } from './ids';

/** One page of one parent's children: the parent's id and the field's paging arguments. */
export interface ChildPageKey extends ConnectionArgs {
  parentId: string;
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
  const parent = options.parentColumn.includes('.') ? options.parentColumn : `${options.alias}.${options.parentColumn}`;
  const id = `${options.alias}.id::text`;
  const direction = options.direction ?? 'ASC';
  childPageLoaders.created?.(options as unknown as ChildConnectionOptions<ObjectLiteral>);
  return childPagesLoader<T>({
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
    page: async (parentIds, size, cursor) => {
      const statement = childPageStatement(options, size, cursor);
      const page = options.query();
      const { entities, raw } = await page
        .innerJoin(
          `(${statement.sql})`,
          'child_page',
          `child_page.child_id = ${options.alias}.id AND child_page.child_parent = ${parent}::text`,
        )
        .addSelect('child_page.child_total', 'ranked_total')
        .addSelect('child_page.child_parent', 'ranked_parent')
        .setParameters({ ...page.getParameters(), ...statement.parameters, childParents: parentIds })
        .orderBy(options.sortExpression, direction)
        .addOrderBy(id, direction)
        .getRawAndEntities<{ ranked_total: string | number; ranked_parent: string }>();
      // The raw rows, in order, pair each child with its parent (a child may have several).
      const byId = new Map(entities.map((entity) => [entity.id, entity]));
      const byParent = new Map<string, T[]>();
      const totals = new Map<string, number>();
      const seen = new Set<string>();
      for (const row of raw) {
        const child = byId.get(String((row as Record<string, unknown>)[`${options.alias}_id`]));
        const key = row.ranked_parent;
        if (!child || seen.has(`${key}|${child.id}`)) continue;
        seen.add(`${key}|${child.id}`);
        totals.set(key, Number(row.ranked_total));
        const group = byParent.get(key);
        if (group) group.push(child);
        else byParent.set(key, [child]);
      }
      return { byParent, totals };
    },
  });
}

/**
 * Where a child connection's pages come from (`childConnectionLoader`'s entities, or groups of rows
 * aggregated in SQL): one page for a batch of parents, and the counts of parents apart.
 */
export interface ChildPageSource<T> {
  /** At most `size + 1` children of each parent after the cursor, in the page's order, and each parent's total where it has a row. */
  page(
    parentIds: string[],
    size: number,
    cursor: [sortValue: string, id: string] | null,
  ): Promise<{ byParent: Map<string, T[]>; totals: Map<string, number> }>;
  /** Each parent's children counted, in one grouped statement (a parent with none may be missing). */
  count(parentIds: string[]): Promise<Map<string, number>>;
  /** The child's cursor: its sort value and id. */
  keyOf(child: T): [sortValue: string, id: string];
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
    const cursor = after ? decodeCursor(after) : null;
    const parentIds = wellFormedIds(keys.map((key) => key.parentId));
    const { byParent, totals } =
      parentIds.length > 0 && size > 0
        ? await source.page(parentIds, size, cursor)
        : { byParent: new Map<string, T[]>(), totals: new Map<string, number>() };
    return keys.map((key) => {
      const children = byParent.get(key.parentId) ?? [];
      const edges = children.slice(0, size).map((node) => ({ cursor: encodeCursor(source.keyOf(node)), node }));
      // The page's statement counted the parent's children; a parent with none on this page is counted apart.
      // Without a cursor, a parent with no row has no children.
      const total = totals.get(key.parentId) ?? (!cursor && size > 0 ? 0 : undefined);
      return pageConnection(edges, children.length, size, Boolean(after), total ?? (() => counts.load(key.parentId)));
    });
  };

  // One statement per distinct (first, after) in the batch: the same field under many parents shares both.
  return new DataLoader<ChildPageKey, Connection<T>, string>(
    async (keys) => {
      const groups = new Map<string, number[]>();
      keys.forEach((key, index) => {
        const group = `${pageSize(key)}|${key.after ?? ''}`;
        groups.set(group, [...(groups.get(group) ?? []), index]);
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
    { cacheKeyFn: (key) => `${key.parentId}|${key.first ?? ''}|${key.after ?? ''}` },
  );
}

/**
 * The text an instant column sorts by in a child connection: UTC ISO with milliseconds, the same
 * text `Date.toISOString()` gives the loaded value (use that as `sortValueOf`).
 */
export function instantSortText(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A child page for a parent: the loader's key from the field's arguments (checked here, so a bad one fails alone). */
export function childPage(parentId: string, args: ConnectionArgs): ChildPageKey {
  pageSize(args);
  if (args.after) decodeCursor(args.after);
  return { parentId, first: args.first ?? null, after: args.after ?? null };
}
