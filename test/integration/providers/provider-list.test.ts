// The providers list's filter and order (providers(filter:, orderBy:), 第六条、第七条、第二十条):
// each filter, each order with its id tiebreak, every row once across pages, the SQL statement
// count the same for every page, and the deprecated `status` argument still working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageThrough } from '../../setup/list-paging';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BUREAU, CMCC, CTYUN, expectErrorCode, INSPUR, provider, UNICOM } from './helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const PROVIDERS = `query($first: Int, $after: String, $filter: ProviderFilter, $orderBy: ProviderOrder, $status: ProviderStatus) {
  providers(first: $first, after: $after, filter: $filter, orderBy: $orderBy, status: $status) {
    totalCount edges { node { id code name designatedOn } } pageInfo { hasNextPage endCursor }
  }
}`;

interface Row {
  id: string;
  code: string;
  name: string;
  designatedOn: string | null;
}

const walk = (variables: Record<string, unknown>, size = 1, principal = BUREAU) =>
  pageThrough<Row>(subgraph, principal, PROVIDERS, 'providers', variables, size);

describe('providers(filter:, orderBy:)', () => {
  it('searches name, short name and code case-insensitively, as a substring', async () => {
    expect((await walk({ filter: { search: 'inspur' } })).nodes.map((p) => p.id)).toEqual([INSPUR]);
    expect((await walk({ filter: { search: '天翼' } })).nodes.map((p) => p.id)).toEqual([CTYUN]);
    expect((await walk({ filter: { search: 'p-' } })).totalCount).toBe(4);
    // LIKE's wildcards are literal text.
    expect((await walk({ filter: { search: '%' } })).totalCount).toBe(0);
    expect((await walk({ filter: { search: '_' } })).totalCount).toBe(0);
  });

  it('filters by any of several statuses and by the platform MLPS level', async () => {
    expect((await walk({ filter: { status: ['CANDIDATE'] } })).nodes.map((p) => p.id)).toEqual([CMCC]);
    expect((await walk({ filter: { status: ['CANDIDATE', 'DESIGNATED'] } })).totalCount).toBe(4);
    expect((await walk({ filter: { minPlatformMlpsLevel: 4 } })).nodes.map((p) => p.id)).toEqual([INSPUR]);
    expect((await walk({ filter: { minPlatformMlpsLevel: 4, status: ['CANDIDATE'] } })).totalCount).toBe(0);
  });

  it('keeps the deprecated status argument', async () => {
    expect((await walk({ status: 'CANDIDATE' })).nodes.map((p) => p.id)).toEqual([CMCC]);
  });

  it('orders by code, name or designation day newest first, ties by id, every row once a page at a time', async () => {
    const byCode = await walk({});
    expect(byCode.nodes.map((p) => p.code)).toEqual([...byCode.nodes.map((p) => p.code)].sort());
    const byName = await walk({ orderBy: 'NAME_ASC' });
    expect(byName.nodes.map((p) => p.name)).toEqual(
      byName.nodes.map((p) => p.name).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
    );
    const newest = await walk({ orderBy: 'DESIGNATED_ON_DESC' });
    // CTYUN and UNICOM were designated the same day: their order is their ids', descending.
    const tied = [CTYUN, UNICOM].sort().reverse();
    expect(newest.nodes.map((p) => p.id)).toEqual([...tied, INSPUR, CMCC]);
    for (const list of [byCode, byName, newest]) {
      expect(list.nodes).toHaveLength(4);
      expect(new Set(list.statements.slice(0, -1)).size, `statements per page: ${list.statements.join(',')}`).toBe(1);
      expect(Math.max(...list.statements)).toBeLessThanOrEqual(2);
    }
  });

  it('answers every role alike (providers are public)', async () => {
    const seen = await walk({ filter: { search: 'P-' } }, 2, provider(CTYUN));
    expect(seen.totalCount).toBe(4);
  });

  it('refuses a bad filter or cursor as BAD_USER_INPUT', async () => {
    expectErrorCode(await subgraph.query(BUREAU, PROVIDERS, { filter: { minPlatformMlpsLevel: 9 } }), 'BAD_USER_INPUT');
    expectErrorCode(await subgraph.query(BUREAU, PROVIDERS, { filter: { search: 'x'.repeat(101) } }), 'BAD_USER_INPUT');
    expectErrorCode(await subgraph.query(BUREAU, PROVIDERS, { orderBy: 'DESIGNATED_ON_DESC', after: 'WyJ4IiwieSJd' }), 'BAD_USER_INPUT');
  });

  it('serves the search from the trigram index', async () => {
    const plan = await subgraph.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      return (await manager.query(
        `EXPLAIN SELECT id FROM providers.provider WHERE name ILIKE '%浪潮%' OR short_name ILIKE '%浪潮%' OR code ILIKE '%浪潮%'`,
      )) as Array<{ 'QUERY PLAN': string }>;
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('provider_search_trgm');
  });
});
