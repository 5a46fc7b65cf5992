// agreements(filter:, orderBy:) (第九条; issue 12): several effective statuses, region, provider,
// signing and end day ranges, each exactly; ordered by signing day (either way) or by end day with the
// id as tiebreak across pages; bad input is BAD_USER_INPUT; the day orders are served by indexes.
// serviceItems(filter:) (第八条): several categories and a name or code search, served by trigram indexes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, world } from '../../setup/principals';
import { idsOf, walkList } from '../../setup/walk-list';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Row {
  id: string;
  status: string;
  signedOn: string;
  endsOn: string;
  provider: { id: string };
  region: { code: string };
}

const LIST = `query ($first: Int, $after: String, $filter: AgreementFilter, $orderBy: AgreementOrder) {
  agreements(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id status signedOn endsOn provider { id } region { code } } }
  }
}`;

const agreements = (variables: { filter?: object; orderBy?: string; first?: number } = {}, principal = bureau) =>
  walkList<Row>(subgraph, principal, 'agreements', LIST, variables);

/** (day, id) in the direction. */
function ordered(rows: Row[], key: 'signedOn' | 'endsOn', direction: 1 | -1): string[] {
  return [...rows]
    .sort((a, b) => direction * (a[key] !== b[key] ? a[key].localeCompare(b[key]) : a.id.localeCompare(b.id)))
    .map((row) => row.id);
}

describe('agreements(filter:, orderBy:)', () => {
  it('filters by statuses, region, provider and day ranges, each exactly', async () => {
    const { nodes: all } = await agreements();
    expect(all).toHaveLength(world.agreements.length);
    const sample = all.find((row) => row.region.code !== '371600')!;
    const cases: Array<[object, (row: Row) => boolean]> = [
      [{ status: ['ACTIVE'] }, (row) => row.status === 'ACTIVE'],
      [{ status: ['EXPIRED', 'TERMINATED'] }, (row) => ['EXPIRED', 'TERMINATED'].includes(row.status)],
      [{ status: [] }, () => true],
      [{ regionCode: sample.region.code }, (row) => row.region.code === sample.region.code],
      [{ providerId: sample.provider.id }, (row) => row.provider.id === sample.provider.id],
      [{ signedFrom: sample.signedOn, signedTo: sample.signedOn }, (row) => row.signedOn === sample.signedOn],
      [{ endsTo: sample.endsOn }, (row) => row.endsOn <= sample.endsOn],
      [{ endsFrom: sample.endsOn, regionCode: '371600' }, (row) => row.endsOn >= sample.endsOn && row.region.code === '371600'],
    ];
    for (const [filter, keep] of cases) {
      const { nodes, totals } = await agreements({ filter });
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(idsOf(all.filter(keep)));
      expect(totals[0]).toBe(nodes.length);
    }
  });

  it.each([
    ['SIGNED_ON_ASC', 'signedOn', 1],
    ['SIGNED_ON_DESC', 'signedOn', -1],
    ['ENDS_ON_ASC', 'endsOn', 1],
  ] as const)('pages every agreement once by %s in pages of 2, ties broken by id', async (orderBy, key, direction) => {
    const { nodes: all } = await agreements();
    const { nodes } = await agreements({ orderBy, first: 2 });
    expect(nodes.map((row) => row.id)).toEqual(ordered(all, key, direction));
    expect(new Set(all.map((row) => row[key])).size).toBeLessThan(all.length);
  });

  it('keeps a county to the city’s and its own agreements under every filter', async () => {
    const { nodes } = await agreements({ filter: { regionCode: '371603' } }, countyAuthority(BINCHENG));
    expect(nodes).toEqual([]);
    const { nodes: own } = await agreements({ filter: { status: ['ACTIVE', 'EXPIRED', 'TERMINATED'] } }, countyAuthority(BINCHENG));
    expect(own.every((row) => [BINCHENG, '371600'].includes(row.region.code))).toBe(true);
  });

  it('refuses a code where an id belongs, an unknown region, a reversed range and a cursor of another order', async () => {
    for (const filter of [{ providerId: 'P-INSPUR' }, { regionCode: '100000' }, { endsFrom: '2027-01-01', endsTo: '2026-01-01' }]) {
      const result = await subgraph.query(bureau, LIST, { filter });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
    }
    const page = await subgraph.query<{ agreements: { pageInfo: { endCursor: string } } }>(bureau, LIST, {
      first: 1,
      orderBy: 'ENDS_ON_ASC',
    });
    const forged = Buffer.from(JSON.stringify(['not a day', page.data!.agreements.pageInfo.endCursor])).toString('base64url');
    const result = await subgraph.query(bureau, LIST, { first: 1, after: forged });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['signed_on DESC, id DESC', 'agreement_signed_on_idx'],
    ['ends_on, id', 'agreement_ends_on_idx'],
  ])('ORDER BY %s uses %s', async (order, index) => {
    const plan = await subgraph.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      await manager.query('SET LOCAL enable_sort = off');
      return (await manager.query(`EXPLAIN SELECT id FROM providers.agreement ORDER BY ${order} LIMIT 3`)) as Array<{
        'QUERY PLAN': string;
      }>;
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain(index);
  });
});

interface ItemRow {
  id: string;
  code: string;
  name: string;
  category: string;
}

const ITEMS = `query ($first: Int, $after: String, $filter: ServiceItemFilter) {
  serviceItems(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id code name category } }
  }
}`;

const items = (filter?: object) => walkList<ItemRow>(subgraph, bureau, 'serviceItems', ITEMS, { filter });

describe('serviceItems(filter:)', () => {
  it('filters by categories and a name or code search, each exactly', async () => {
    const { nodes: all } = await items();
    expect(all).toHaveLength(world.serviceItems.length);
    const categories = [...new Set(all.map((row) => row.category))];
    expect(categories.length).toBeGreaterThan(1);
    const sample = all[0]!;
    const word = sample.name.slice(0, 2);
    const cases: Array<[object, (row: ItemRow) => boolean]> = [
      [{ category: [categories[0]] }, (row) => row.category === categories[0]],
      [{ category: categories.slice(0, 2) }, (row) => categories.slice(0, 2).includes(row.category)],
      [{ category: [] }, () => true],
      [{ search: word }, (row) => row.name.includes(word) || row.code.includes(word)],
      [{ search: sample.code.toLowerCase() }, (row) => row.code.toLowerCase().includes(sample.code.toLowerCase())],
      [{ search: '  ' }, () => true],
      [{ search: '100%' }, (row) => row.name.includes('100%')],
    ];
    for (const [filter, keep] of cases) {
      const { nodes, totals } = await items(filter);
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(idsOf(all.filter(keep)));
      expect(totals[0]).toBe(nodes.length);
    }
  });

  it('refuses a search over 100 characters with BAD_USER_INPUT', async () => {
    const result = await subgraph.query(bureau, ITEMS, { filter: { search: 'x'.repeat(101) } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves the search from the trigram indexes', async () => {
    const plan = await subgraph.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      return (await manager.query(
        `EXPLAIN SELECT id FROM providers.service_item WHERE name ILIKE '%云主机%' OR code ILIKE '%云主机%'`,
      )) as Array<{
        'QUERY PLAN': string;
      }>;
    });
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('service_item_name_trgm_idx');
    expect(text).toContain('service_item_code_trgm_idx');
  });
});
