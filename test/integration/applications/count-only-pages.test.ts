// A page of none (`first: 0`, a count alone): it reads no rows unless hasNextPage is selected, and
// hasNextPage is then the truth (Relay: more rows follow the cursor), the same for a root list, a
// child list, a list of groups and the to-do list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau } from '../../setup/principals';

let subgraph: SubgraphForTest;
let settlementId: string;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
  const [{ id }] = await subgraph.dataSource.query<Array<{ id: string }>>(
    `SELECT settlement_id::text AS id FROM applications.settlement_line GROUP BY settlement_id
      HAVING count(*) > 1 AND count(DISTINCT unit_id) > 1 LIMIT 1`,
  );
  settlementId = id;
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string }>;
}

/** Each kind of paginator, as a field under `query`, reached with `first` and `after`. */
const LISTS: Record<string, { query: string; page: (data: Record<string, unknown>) => Page }> = {
  'a root list (systems)': {
    query: `query ($first: Int, $after: String) { page: systems(first: $first, after: $after) { SELECTION } }`,
    page: (data) => data.page as Page,
  },
  'a child list (a settlement’s lines)': {
    query: `query ($id: ID!, $first: Int, $after: String) { settlement(id: $id) { page: lines(first: $first, after: $after) { SELECTION } } }`,
    page: (data) => (data.settlement as { page: Page }).page,
  },
  'a child list of groups (a settlement’s unit totals)': {
    query: `query ($id: ID!, $first: Int, $after: String) { settlement(id: $id) { page: unitTotals(first: $first, after: $after) { SELECTION } } }`,
    page: (data) => (data.settlement as { page: Page }).page,
  },
  'a root list of groups (settlementTotals)': {
    query: `query ($first: Int, $after: String) { page: settlementTotals(year: 2025, confirmedOnly: false, first: $first, after: $after) { SELECTION } }`,
    page: (data) => data.page as Page,
  },
  'the to-do list': {
    query: `query ($first: Int, $after: String) { page: todoItems(first: $first, after: $after) { SELECTION } }`,
    page: (data) => data.page as Page,
  },
};

async function pageOf(name: string, selection: string, variables: Record<string, unknown>): Promise<Page> {
  const list = LISTS[name]!;
  const result = await subgraph.query<Record<string, unknown>>(bureau, list.query.replace('SELECTION', selection), {
    id: settlementId,
    ...variables,
  });
  expect(result.errors, name).toBeUndefined();
  return list.page(result.data!);
}

describe('first: 0', () => {
  it.each(Object.keys(LISTS))('%s: answers hasNextPage true while rows follow, and false after the last', async (name) => {
    const selection = 'totalCount pageInfo { hasNextPage endCursor } edges { cursor }';
    const none = await pageOf(name, selection, { first: 0 });
    expect(none.totalCount, name).toBeGreaterThan(1);
    expect(none.edges).toEqual([]);
    expect(none.pageInfo).toEqual({ hasNextPage: true, endCursor: null });

    const first = await pageOf(name, selection, { first: 1 });
    expect((await pageOf(name, selection, { first: 0, after: first.pageInfo.endCursor })).pageInfo.hasNextPage).toBe(true);

    let last = await pageOf(name, selection, { first: 100 });
    while (last.pageInfo.hasNextPage) last = await pageOf(name, selection, { first: 100, after: last.pageInfo.endCursor });
    const afterLast = await pageOf(name, selection, { first: 0, after: last.pageInfo.endCursor });
    expect(afterLast.pageInfo.hasNextPage).toBe(false);
    expect(afterLast.edges).toEqual([]);
  });

  it('reads no rows for a count alone: the page’s statement is sent only when hasNextPage is selected', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const statements = async (selection: string) => {
      counter.reset();
      await pageOf('a root list (systems)', selection, { first: 0 });
      return counter.count;
    };
    const countOnly = await statements('totalCount');
    expect(await statements('totalCount pageInfo { hasNextPage }')).toBe(countOnly + 1);
  });
});
