// units(filter:) and systems(filter:) (issue 12): a region and a name search — a case-insensitive
// substring of the name or the code, taken literally — within the caller's scope, served by the
// pg_trgm indexes of migration 1796300500001; malformed ids in the filter are BAD_USER_INPUT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { id: string; code: string; name: string; region: { code: string } } }>;
}

const UNITS = `query ($filter: UnitFilter, $after: String, $first: Int) {
  units(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id code name region { code } } } }
}`;
const SYSTEMS = `query ($filter: SystemFilter, $after: String, $first: Int) {
  systems(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id code name region { code } } } }
}`;

async function walk(
  list: 'units' | 'systems',
  principal: typeof bureau,
  filter: object,
  first = 3,
): Promise<Page['edges'][number]['node'][]> {
  const seen: Page['edges'][number]['node'][] = [];
  let after: string | null = null;
  for (;;) {
    const result = await subgraph.query<Record<string, Page>>(principal, list === 'units' ? UNITS : SYSTEMS, { filter, after, first });
    expect(result.errors).toBeUndefined();
    const page: Page = result.data![list]!;
    seen.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
}

const contains = (text: string) => (row: { name: string; code: string }) =>
  row.name.toLowerCase().includes(text.toLowerCase()) || row.code.toLowerCase().includes(text.toLowerCase());

describe('units and systems: filter and name search', () => {
  it('finds units by a part of the name or the code, any case, in code order, each once', async () => {
    for (const search of ['教育', 'u-371602', '  局 ']) {
      const rows = await walk('units', bureau, { search });
      const expected = world.units
        .filter(contains(search.trim()))
        .map((unit) => unit.code)
        .sort();
      expect(expected.length, search).toBeGreaterThan(0);
      expect(rows.map((row) => row.code)).toEqual(expected);
    }
  });

  it('combines the search with the region, and the scope still holds', async () => {
    const rows = await walk('units', bureau, { search: '局', regionCode: BINCHENG });
    expect(rows.map((row) => row.code)).toEqual(
      world.units
        .filter((unit) => unit.regionCode === BINCHENG && contains('局')(unit))
        .map((unit) => unit.code)
        .sort(),
    );
    expect(await walk('units', countyAuthority(BINCHENG), { regionCode: '371600' })).toEqual([]);
    const county = await walk('systems', countyAuthority(BINCHENG), { search: 'S-' });
    expect(county.map((row) => row.code)).toEqual(
      world.systems
        .filter((system) => system.regionCode === BINCHENG)
        .map((system) => system.code)
        .sort(),
    );
  });

  it('finds systems by name or code with region, provider and deployment in the filter', async () => {
    const sample = world.systems.find((system) => system.providerId !== null)!;
    const word = sample.name.slice(0, 2);
    const filter = { search: word, regionCode: sample.regionCode, providerId: sample.providerId, deploymentMode: sample.deploymentMode };
    const rows = await walk('systems', bureau, filter);
    const expected = world.systems.filter(
      (system) =>
        contains(word)(system) &&
        system.regionCode === sample.regionCode &&
        system.providerId === sample.providerId &&
        system.deploymentMode === sample.deploymentMode,
    );
    expect(rows.map((row) => row.id).sort()).toEqual(expected.map((system) => system.id).sort());
    expect(rows.map((row) => row.id)).toContain(sample.id);
  });

  it('takes % and _ literally, and a blank search as no search', async () => {
    expect(await walk('units', bureau, { search: '%' })).toEqual([]);
    expect(await walk('systems', bureau, { search: '_' })).toEqual([]);
    expect((await walk('units', bureau, { search: '   ' }, 100)).length).toBe(world.units.length);
  });

  it('answers a malformed id or region, or an overlong search, with BAD_USER_INPUT', async () => {
    for (const [query, filter] of [
      [SYSTEMS, { unitId: 'U-371602-001' }],
      [SYSTEMS, { providerId: 'P-INSPUR' }],
      [SYSTEMS, { regionCode: '123456' }],
      [UNITS, { regionCode: 'x' }],
      [UNITS, { search: '长'.repeat(101) }],
    ] as const) {
      const result = await subgraph.query(bureau, query, { filter });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
      if ('providerId' in filter) expect(result.errors?.[0]?.message).toContain('providerByCode(code)');
      if ('unitId' in filter) expect(result.errors?.[0]?.message).toContain('unitByCode(code)');
    }
  });

  it('reads a searched page in the same number of statements for 3 rows as for 30', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const statements = async (first: number) => {
      counter.reset();
      const result = await subgraph.query(bureau, SYSTEMS, { first, filter: { search: 'S-' } });
      expect(result.errors).toBeUndefined();
      return counter.count;
    };
    expect(await statements(30)).toBe(await statements(3));
  });

  it('serves the search from the trigram indexes', async () => {
    const plan = await subgraph.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows: Array<{ 'QUERY PLAN': string }> = await manager.query(
        `EXPLAIN SELECT id FROM "applications"."unit" WHERE name ILIKE '%教育局%' OR code ILIKE '%371602%'`,
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('unit_name_trgm_idx');
    expect(plan).toContain('unit_code_trgm_idx');
  });
});
