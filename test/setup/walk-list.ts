// Reads every page of a root list (a connection) through one subgraph or the gateway, following
// endCursor, so a test can compare what a filter returns with what it should.
import { expect } from 'vitest';
import type { Principal } from '../../subgraphs/kit/principal';
import type { SubgraphForTest } from './subgraph';

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: T }>;
}

/** Every node of `field` under `query` (which takes `$first` and `$after`), and each page's totalCount. */
export async function walkList<T>(
  subgraph: SubgraphForTest,
  principal: Principal,
  field: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ nodes: T[]; totals: number[] }> {
  const nodes: T[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (;;) {
    const result = await subgraph.query<Record<string, Page<T>>>(principal, query, { first: 100, ...variables, after });
    expect(result.errors, JSON.stringify(variables)).toBeUndefined();
    const page: Page<T> = result.data![field]!;
    nodes.push(...page.edges.map((edge) => edge.node));
    totals.push(page.totalCount);
    if (!page.pageInfo.hasNextPage) return { nodes, totals };
    after = page.pageInfo.endCursor;
  }
}

/** The ids of `rows`, sorted: for comparing sets of rows. */
export const idsOf = (rows: ReadonlyArray<{ id: string }>): string[] => rows.map((row) => row.id).sort();
