// Connections of groups aggregated in SQL (a settlement's totals per provider or per unit, fees by
// provider and level): GROUP BY in the statement, and the groups paged there too — ranked per parent
// with a window function for a child list, or after a keyset cursor for a root list — so no code
// path loads the rows to sum, sort or count them in JavaScript.
import type DataLoader from 'dataloader';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { childPagesLoader, type ChildPageKey } from './child-connection';
import {
  cursorList,
  decodeCursor,
  encodeCursor,
  pageConnection,
  readPage,
  pageSize,
  type Connection,
  type ConnectionArgs,
} from './connection';

/** A group's raw row: its sort text, its id (unique within its parent) and each field. */
export type GroupRow = { sort: string; id: string } & Record<string, unknown>;

export interface GroupsOptions<T> {
  /** A fresh query over the rows to group each call, the principal's scope applied (e.g. a settlement's lines, alias `line`). */
  query: () => SelectQueryBuilder<ObjectLiteral>;
  /** The columns grouped by, e.g. [`line.unit_id`]. */
  groupBy: string[];
  /** The group's sort text (unique together with `id`), e.g. `min(line.unit_code)`. */
  sort: string;
  /** The group's id as text, e.g. `line.unit_id::text`. */
  id: string;
  /** The group's other columns: name → SQL (an aggregate, or a grouped column). */
  fields: Record<string, string>;
  /** The node from a group's raw row (numbers from `::int` casts come as numbers, sums as text). */
  node: (row: GroupRow) => T;
}

/** The grouped statement's SQL and parameters, selecting `parent` (when given), `sort`, `id` and the fields. */
function groupsQuery<T>(options: GroupsOptions<T>, parent: string | null, parentIds: string[] | null) {
  const query = options.query().select(`${options.sort}`, 'sort').addSelect(options.id, 'id');
  for (const [name, sql] of Object.entries(options.fields)) query.addSelect(sql, name);
  const groupBy = parent ? [parent, ...options.groupBy] : options.groupBy;
  if (parent) query.addSelect(`${parent}::text`, 'parent').andWhere(`${parent} = ANY(:groupParents)`, { groupParents: parentIds });
  groupBy.forEach((column, index) => (index === 0 ? query.groupBy(column) : query.addGroupBy(column)));
  return query.getQueryAndParameters();
}

/** What a list of groups is, for its cursors' tag: the grouping, the sort and the id. */
function groupsListOf(options: GroupsOptions<unknown>): string {
  return `${options.groupBy.join(',')}|${options.sort}|${options.id}`;
}

export interface GroupedChildOptions<T> extends GroupsOptions<T> {
  /** The column naming the parent, e.g. `line.settlement_id`. */
  parent: string;
}

/**
 * The loader of a child connection of groups (`Settlement.unitTotals` …) under a batch of parents:
 * ONE statement a batch groups every parent's rows, ranks the groups per parent after the cursor
 * with `row_number()` and returns at most `first + 1` of them a parent with each parent's count
 * (`count(*) OVER`); cursors are `[sort, id]`, ascending.
 */
export function groupedChildConnectionLoader<T>(options: GroupedChildOptions<T>): DataLoader<ChildPageKey, Connection<T>, string> {
  const keyOf = new WeakMap<object, [string, string]>();
  const run = (sql: string, parameters: unknown[]) =>
    options.query().connection.query(sql, parameters) as Promise<Array<Record<string, unknown>>>;
  return childPagesLoader<T & object>({
    list: cursorList(`groups|${options.parent}|${groupsListOf(options)}`),
    keyOf: (node) => keyOf.get(node)!,
    count: async (parentIds) => {
      const [sql, parameters] = groupsQuery(options, options.parent, parentIds);
      const rows = await run(`SELECT g.parent, count(*)::int AS count FROM (${sql}) g GROUP BY g.parent`, parameters);
      return new Map(rows.map((row) => [String(row.parent), Number(row.count)]));
    },
    page: async (parentIds, size, cursor) => {
      const [sql, parameters] = groupsQuery(options, options.parent, parentIds);
      const n = parameters.length;
      const after = cursor ? `(g.sort, g.id) > ($${n + 2}, $${n + 3})` : 'true';
      const rows = await run(
        `SELECT * FROM (
           SELECT g.*, ${after} AS ranked_after,
                  row_number() OVER (PARTITION BY g.parent, ${after} ORDER BY g.sort, g.id) AS ranked_row,
                  count(*) OVER (PARTITION BY g.parent)::int AS ranked_total
             FROM (${sql}) g) r
          WHERE r.ranked_after AND r.ranked_row <= $${n + 1}
          ORDER BY r.parent, r.sort, r.id`,
        [...parameters, size + 1, ...(cursor ?? [])],
      );
      const byParent = new Map<string, Array<T & object>>();
      const totals = new Map<string, number>();
      for (const row of rows) {
        const group = row as GroupRow;
        const node = options.node(group) as T & object;
        const parent = String(row.parent);
        keyOf.set(node, [group.sort, group.id]);
        totals.set(parent, Number(row.ranked_total));
        const siblings = byParent.get(parent);
        if (siblings) siblings.push(node);
        else byParent.set(parent, [node]);
      }
      return { byParent, totals };
    },
  });
}

/**
 * A root list of groups (fees by provider and level …): the page after the cursor in (sort, id)
 * order, one group more to know of a next page, and a lazy count of the groups, each one statement.
 */
export async function paginateGroups<T>(options: GroupsOptions<T>, args: ConnectionArgs): Promise<Connection<T>> {
  const size = pageSize(args);
  const list = cursorList(`groups|${groupsListOf(options)}`);
  const cursor = args.after ? decodeCursor(args.after, list) : null;
  const [sql, parameters] = groupsQuery(options, null, null);
  const run = (text: string, values: unknown[]) =>
    options.query().connection.query(text, values) as Promise<Array<Record<string, unknown>>>;
  const n = parameters.length;
  const { rows, rowFollows } = await readPage(
    size,
    () =>
      run(
        `SELECT g.* FROM (${sql}) g ${cursor ? `WHERE (g.sort, g.id) > ($${n + 2}, $${n + 3})` : ''} ORDER BY g.sort, g.id LIMIT $${n + 1}`,
        [...parameters, size + 1, ...(cursor ?? [])],
      ) as Promise<GroupRow[]>,
  );
  const edges = rows.slice(0, size).map((row) => ({ cursor: encodeCursor([row.sort, row.id], list), node: options.node(row) }));
  const count = async () => {
    const [counted] = await run(`SELECT count(*)::int AS count FROM (${sql}) g`, parameters);
    return Number(counted!.count);
  };
  return pageConnection(edges, rows.length, size, Boolean(args.after), count, rowFollows);
}
