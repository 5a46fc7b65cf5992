// Child connections paged in SQL (issue 14, kit/child-connection.ts), as tests measure them: the
// statements and rows one request costs for a batch of parents, every page of one parent's list in
// order, and more children under the same parents.
import { expect } from 'vitest';
import { sqlCounterOf } from '../../subgraphs/kit/data-source';
import type { Principal } from '../../subgraphs/kit/principal';
import type { GraphQLResult, SubgraphForTest } from './subgraph';

export interface ChildPage {
  totalCount: number;
  edges: Array<{ node: { id: string } }>;
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}

export interface ChildPagesCost {
  statements: number;
  /** Rows the database returned for the request. */
  rows: number;
  /** Edges on all the pages. */
  returned: number;
  /** Sum of the pages' totalCount. */
  total: number;
  /** Pages, one a parent. */
  parents: number;
  /** Pages with more children than they show: each costs one row more than it returns. */
  more: number;
}

/** One request (no errors) and what its child pages, `pagesOf(data)`, cost. */
export async function childPagesCost<T>(
  subgraph: SubgraphForTest,
  principal: Principal,
  query: string,
  variables: Record<string, unknown>,
  pagesOf: (data: T) => ChildPage[],
): Promise<ChildPagesCost> {
  const counter = sqlCounterOf(subgraph.dataSource);
  counter.reset();
  const result = await subgraph.query<T>(principal, query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const pages = pagesOf(result.data!);
  return {
    statements: counter.count,
    rows: counter.rows,
    returned: pages.reduce((sum, page) => sum + page.edges.length, 0),
    total: pages.reduce((sum, page) => sum + page.totalCount, 0),
    parents: pages.length,
    more: pages.filter((page) => page.totalCount > page.edges.length).length,
  };
}

/** `first: $first` children of each `typename` entity in `ids`, through `_entities`, with totalCount. */
export function entitiesChildQuery(typename: string, field: string, args = ''): string {
  return `query ($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) {
    ... on ${typename} { id children: ${field}(first: $first, after: $after${args}) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }
  }
}`;
}

type EntitiesChildren = { _entities: Array<{ children: ChildPage } | null> };

/** What `first` children of each entity cost through `_entities` (entitiesChildQuery). */
export function entitiesChildCost(
  subgraph: SubgraphForTest,
  principal: Principal,
  typename: string,
  field: string,
  ids: readonly string[],
  first = 1,
): Promise<ChildPagesCost> {
  return childPagesCost<EntitiesChildren>(
    subgraph,
    principal,
    entitiesChildQuery(typename, field),
    { representations: ids.map((id) => ({ __typename: typename, id })), first },
    (data) => data._entities.flatMap((entity) => (entity ? [entity.children] : [])),
  );
}

/** Every page of one entity's child list, `size` a page: the children's ids in order, each once, as many as totalCount. */
export async function walkChildPages(
  subgraph: SubgraphForTest,
  principal: Principal,
  typename: string,
  field: string,
  id: string,
  size: number,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let guard = 0; guard < 1000; guard++) {
    const result: GraphQLResult<EntitiesChildren> = await subgraph.query<EntitiesChildren>(principal, entitiesChildQuery(typename, field), {
      representations: [{ __typename: typename, id }],
      first: size,
      after,
    });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const page = result.data!._entities[0]!.children;
    expect(page.edges.length).toBeLessThanOrEqual(size);
    totalCount = page.totalCount;
    ids.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo!.hasNextPage) break;
    after = page.pageInfo!.endCursor;
  }
  expect(new Set(ids).size, 'a child appeared on two pages').toBe(ids.length);
  expect(ids.length).toBe(totalCount);
  return ids;
}

/**
 * `copies` more rows of each row of `schema.table` matching `where`, under the same parents: new
 * ids, and `changed` (SQL `jsonb_build_object` pairs over the row `t` and the copy's number `g`)
 * for the columns that must differ.
 */
export async function growChildren(
  subgraph: Pick<SubgraphForTest, 'asOwner'>,
  table: string,
  copies: number,
  changed = '',
  where = 'TRUE',
): Promise<void> {
  await subgraph.asOwner(`
    INSERT INTO ${table}
    SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(t) || jsonb_build_object('id', gen_random_uuid()${changed ? `, ${changed}` : ''}))).*
    FROM ${table} t, generate_series(1, ${copies}) g WHERE ${where}`);
}
