// Child connections under a batch of parents, measured (issue 14): the pages of one request with
// the SQL statements it ran and the rows PostgreSQL returned, a parent's list walked page by page,
// and more children made under the same parents — so a test can show that a child list's statement
// count does not depend on how many parents or children there are, and that no page loads more
// rows than it returns plus one.
import { expect } from 'vitest';
import { sqlCounterOf } from '../../subgraphs/kit/data-source';
import type { Principal } from '../../subgraphs/kit/principal';
import type { SubgraphForTest } from './subgraph';

export interface ChildPage {
  totalCount: number;
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { id: string } }>;
}

export interface MeasuredPages {
  pages: ChildPage[];
  statements: number;
  rows: number;
  /** Nodes on the pages. */
  returned: number;
  /** The parents' totalCounts added up. */
  total: number;
}

/** One request: its child pages (`pagesOf` picks them out of the data), statements and rows returned. */
export async function measureChildPages<T>(
  subgraph: SubgraphForTest,
  principal: Principal,
  query: string,
  variables: Record<string, unknown>,
  pagesOf: (data: T) => ChildPage[],
): Promise<MeasuredPages> {
  const counter = sqlCounterOf(subgraph.dataSource);
  counter.reset();
  const result = await subgraph.query<T>(principal, query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const pages = pagesOf(result.data!);
  return {
    pages,
    statements: counter.count,
    rows: counter.rows,
    returned: pages.reduce((sum, page) => sum + page.edges.length, 0),
    total: pages.reduce((sum, page) => sum + page.totalCount, 0),
  };
}

export const CHILD_PAGE = 'totalCount pageInfo { hasNextPage endCursor } edges { node { id } }';

/** A page of groups (a settlement's totals …), which have no id of their own: `groupsByCursor` tells each by its cursor. */
export const GROUP_PAGE = 'totalCount pageInfo { hasNextPage endCursor } edges { cursor }';

export function groupsByCursor<P extends { edges: unknown[] }>(page: P): P & ChildPage {
  return { ...page, edges: (page.edges as Array<{ cursor: string }>).map((edge) => ({ node: { id: edge.cursor } })) } as P & ChildPage;
}

/** `field(first: first, …arguments)` of the parents `ids` of `typename`, through `_entities` as the gateway asks. */
export function entityChildPages(
  subgraph: SubgraphForTest,
  principal: Principal,
  parents: { typename: string; ids: string[] },
  field: string,
  first: number,
  argumentsText = '',
): Promise<MeasuredPages> {
  return measureChildPages<{ _entities: Array<{ page: ChildPage } | null> }>(
    subgraph,
    principal,
    `query ($representations: [_Any!]!, $first: Int!) {
      _entities(representations: $representations) {
        ... on ${parents.typename} { page: ${field}(first: $first${argumentsText ? `, ${argumentsText}` : ''}) { ${CHILD_PAGE} } }
      }
    }`,
    { representations: parents.ids.map((id) => ({ __typename: parents.typename, id })), first },
    (data) => data._entities.flatMap((entity) => (entity ? [entity.page] : [])),
  );
}

/** Every node id of one parent's list, `size` a page (`query` takes `$first` and `$after`); fails on a node seen twice. */
export async function walkChildPages<T>(
  subgraph: SubgraphForTest,
  principal: Principal,
  query: string,
  variables: Record<string, unknown>,
  pageOf: (data: T) => ChildPage,
  size: number,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const result = await subgraph.query<T>(principal, query, { ...variables, first: size, after });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const page = pageOf(result.data!);
    expect(page.edges.length).toBeLessThanOrEqual(size);
    ids.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo?.hasNextPage) {
      expect(ids.length).toBe(page.totalCount);
      break;
    }
    after = page.pageInfo.endCursor;
  }
  expect(new Set(ids).size, 'a node appeared on two pages').toBe(ids.length);
  return ids;
}

/** The ids of `sql`'s rows (a column `id`), in its order. */
export async function orderedIds(subgraph: SubgraphForTest, sql: string, parameters: unknown[] = []): Promise<string[]> {
  const rows = await subgraph.dataSource.query<Array<{ id: string }>>(sql, parameters);
  return rows.map((row) => row.id);
}

/** The parent in `table` with the most rows (by `parentColumn`) that pass `where`. */
export async function parentWithMostChildren(
  subgraph: SubgraphForTest,
  table: string,
  parentColumn: string,
  where = 'true',
  parameters: unknown[] = [],
): Promise<string> {
  const rows = await subgraph.dataSource.query<Array<{ parent: string }>>(
    `SELECT ${parentColumn}::text AS parent FROM ${table} WHERE ${where} GROUP BY ${parentColumn} ORDER BY count(*) DESC, 1 LIMIT 1`,
    parameters,
  );
  return rows[0]!.parent;
}

/**
 * `copies` more rows of `table` (schema-qualified) under the same parents: each a copy with a new
 * id and the columns `changed` gives (`'code', t.code || '-G' || g`, over the row `t` and copy `g`).
 */
export async function copyChildren(
  subgraph: Pick<SubgraphForTest, 'asOwner'>,
  table: string,
  copies: number,
  changed = '',
  where = 'true',
): Promise<void> {
  await subgraph.asOwner(`
    INSERT INTO ${table}
    SELECT (jsonb_populate_record(NULL::${table},
      to_jsonb(t) || jsonb_build_object('id', gen_random_uuid()${changed ? `, ${changed}` : ''}))).*
    FROM ${table} t, generate_series(1, ${copies}) g
    WHERE ${where}`);
}

/**
 * The statements of `measure` (over `few` parents, then all) are the same, and stay the same after
 * `grow` multiplies the children by `factor`; the grown request returns no more rows than its pages,
 * one more a page with a next page, and `parentRows` (the parents themselves, loaded by id).
 */
export async function expectPagedInSql(options: {
  measure: (parents: 'few' | 'all') => Promise<MeasuredPages>;
  grow: () => Promise<void>;
  factor: number;
  parentRows: number;
}): Promise<MeasuredPages> {
  const few = await options.measure('few');
  const all = await options.measure('all');
  expect(all.statements, 'statements for all parents').toBe(few.statements);
  expect(all.total, 'children to grow').toBeGreaterThan(0);
  await options.grow();
  const grown = await options.measure('all');
  expect(grown.statements, 'statements after the children grew').toBe(all.statements);
  expect(grown.total).toBe(all.total * options.factor);
  const more = grown.pages.filter((page) => page.pageInfo?.hasNextPage).length;
  expect(more, 'pages with a next page').toBeGreaterThan(0);
  expect(grown.rows, 'rows returned by PostgreSQL').toBeLessThanOrEqual(grown.returned + more + options.parentRows);
  return grown;
}
