import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ChildConnectionOptions } from './child-connection';
import { childPageStatement, parentOf } from './child-page-statement';
import { addJoins, columnsOf, convertRows, selectColumns, splitJoinedProperties } from './plain-rows';

/** One page's children for a batch of parents, grouped by parent in page order, and each parent's total where it has a row. */
export interface ChildPageRows<T> {
  byParent: Map<string, T[]>;
  totals: Map<string, number>;
}

const CHILD_PAGE_ROWS = 'child_page_rows';

/**
 * The query of a page of children for a batch of parents: the scoped children joined to the page
 * statement's ids (kit/child-page-statement.ts), with each row's parent and total, in page order.
 */
export function childPageQuery<T extends ObjectLiteral>(
  options: ChildConnectionOptions<T>,
  parentIds: string[],
  size: number,
  cursor: [sortValue: string, id: string] | null,
): SelectQueryBuilder<T> {
  const parent = parentOf(options);
  const direction = options.direction ?? 'ASC';
  const statement = childPageStatement(options, size, cursor);
  const page = options.query();
  // The page's ids once (a materialized CTE), and the children read by them through the primary
  // key: joined to the statement alone, the planner hashed the whole child table (a sequential scan
  // of 19,400 systems at scale 100 for a page of 153) because it cannot tell how few ids come back.
  return page
    .addCommonTableExpression(statement.sql, CHILD_PAGE_ROWS, { materialized: true })
    .innerJoin(
      `(SELECT * FROM ${CHILD_PAGE_ROWS})`,
      'child_page',
      `child_page.child_id = ${options.alias}.id AND child_page.child_parent = ${parent}::text`,
    )
    .andWhere(`${options.alias}.id = ANY(ARRAY(SELECT child_id FROM ${CHILD_PAGE_ROWS}))`)
    .addSelect('child_page.child_total', 'ranked_total')
    .addSelect('child_page.child_parent', 'ranked_parent')
    .setParameters({ ...page.getParameters(), ...statement.parameters, childParents: parentIds })
    .orderBy(options.sortExpression, direction)
    .addOrderBy(`${options.alias}.id::text`, direction);
}

/** The page's rows grouped by parent (the raw rows, in order, pair each child with its parent; a child may have several). */
export function groupChildRows<T extends { id: string }>(
  rows: ReadonlyArray<{ child: T | undefined; parent: string; total: string | number }>,
): ChildPageRows<T> {
  const byParent = new Map<string, T[]>();
  const totals = new Map<string, number>();
  const seen = new Set<string>();
  for (const { child, parent, total } of rows) {
    if (!child || seen.has(`${parent}|${child.id}`)) continue;
    seen.add(`${parent}|${child.id}`);
    totals.set(parent, Number(total));
    const group = byParent.get(parent);
    if (group) group.push(child);
    else byParent.set(parent, [child]);
  }
  return { byParent, totals };
}

/**
 * A page of children as plain rows with only `properties` (and `id`) of the child entity
 * (kit/plain-rows.ts), instead of hydrated entities: the same statement and order.
 */
export async function plainChildPage<T extends ObjectLiteral & { id: string }>(
  options: ChildConnectionOptions<T>,
  parentIds: string[],
  size: number,
  cursor: [sortValue: string, id: string] | null,
  properties: readonly string[] | null,
): Promise<ChildPageRows<T>> {
  const query = childPageQuery(options, parentIds, size, cursor);
  const { own, joined } = splitJoinedProperties(properties);
  const columns = columnsOf(query, options.alias, own && (own.includes('id') ? own : ['id', ...own]));
  selectColumns(query, options.alias, columns);
  query.addSelect('child_page.child_total', 'ranked_total').addSelect('child_page.child_parent', 'ranked_parent');
  const readJoined = addJoins(query, options.alias, joined, options.joins ?? {});
  const raw = await query.getRawMany<Record<string, unknown>>();
  const rows = raw.map(({ ranked_total, ranked_parent, ...child }) => ({
    child: child as T,
    parent: String(ranked_parent),
    total: ranked_total as string | number,
  }));
  const children = rows.map((row) => row.child);
  convertRows(query, columns, children);
  readJoined(children);
  return groupChildRows(rows);
}
