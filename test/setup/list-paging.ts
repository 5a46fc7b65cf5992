// Walks a filtered, ordered list page by page: every row once, in order, with the same number of
// SQL statements for each page (kit/connection.ts keyset paging; the statement counter of
// kit/data-source.ts).
import { expect } from 'vitest';
import { sqlCounterOf } from '../../subgraphs/kit/data-source';
import type { Principal } from '../../subgraphs/kit/principal';
import type { GraphQLResult, SubgraphForTest } from './subgraph';

interface Page<T> {
  totalCount: number;
  edges: Array<{ node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface PagedList<T> {
  nodes: T[];
  totalCount: number;
  /** SQL statements of each page, in order. */
  statements: number[];
}

/**
 * Every page of `field` (whose query takes `$first` and `$after` besides `variables`), `size` rows
 * a page. Fails on an error, on a row seen twice, or on a totalCount that disagrees with the rows.
 */
export async function pageThrough<T extends { id: string }>(
  subgraph: SubgraphForTest,
  principal: Principal,
  query: string,
  field: string,
  variables: Record<string, unknown>,
  size: number,
): Promise<PagedList<T>> {
  const counter = sqlCounterOf(subgraph.dataSource);
  const nodes: T[] = [];
  const statements: number[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let guard = 0; guard < 1000; guard++) {
    counter.reset();
    const result: GraphQLResult = await subgraph.query(principal, query, { ...variables, first: size, after });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    statements.push(counter.count);
    const page: Page<T> = (result.data as Record<string, Page<T>>)[field]!;
    totalCount = page.totalCount;
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  const ids = nodes.map((node) => node.id);
  expect(new Set(ids).size, 'a row appeared on two pages').toBe(ids.length);
  expect(ids.length).toBe(totalCount);
  return { nodes, totalCount, statements };
}
