// settlements(filter:) (第十六条; issue 12): by year, level and one or several statuses, within the
// caller's settlement scope; the deprecated top-level arguments keep answering alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Row {
  id: string;
  year: number;
  status: string;
  region: { code: string };
}

const LIST = `query ($filter: SettlementFilter) {
  settlements(first: 100, filter: $filter) { totalCount edges { node { id year status region { code } } } }
}`;

async function list(filter: object | null, principal = bureau): Promise<Row[]> {
  const result = await subgraph.query<{ settlements: { totalCount: number; edges: Array<{ node: Row }> } }>(principal, LIST, { filter });
  expect(result.errors).toBeUndefined();
  expect(result.data!.settlements.totalCount).toBe(result.data!.settlements.edges.length);
  return result.data!.settlements.edges.map((edge) => edge.node);
}

const ids = (rows: Row[]) => rows.map((row) => row.id).sort();

describe('settlements(filter:)', () => {
  it('filters by year, level and several statuses, as the whole list filtered would', async () => {
    const all = await list(null);
    expect(all.length).toBeGreaterThan(1);
    const sample = all[0]!;
    expect(ids(await list({ year: sample.year }))).toEqual(ids(all.filter((row) => row.year === sample.year)));
    expect(ids(await list({ year: sample.year, regionCode: sample.region.code }))).toEqual(
      ids(all.filter((row) => row.year === sample.year && row.region.code === sample.region.code)),
    );
    expect(ids(await list({ status: ['AWAITING_CONFIRMATION', 'CONFIRMED'] }))).toEqual(ids(all));
    expect(ids(await list({ status: [sample.status] }))).toEqual(ids(all.filter((row) => row.status === sample.status)));
  });

  it('keeps the scope: a county asking for the city level sees nothing', async () => {
    expect(await list({ regionCode: '371600' }, countyAuthority(BINCHENG))).toEqual([]);
  });

  it('answers an unknown level with BAD_USER_INPUT', async () => {
    const result = await subgraph.query(bureau, LIST, { filter: { regionCode: '999999' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
