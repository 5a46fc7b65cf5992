// The security inspections list's filter and order (securityInspections(filter:, orderBy:), 第十九条):
// conducted-day ranges, target kind, provider and system, both orders, every row once across pages
// at a constant SQL count, the deprecated arguments still working, the scope still applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInspections } from '../../../seed/world/security-inspections';
import { pageThrough } from '../../setup/list-paging';
import { countyAuthority, cybersec, world } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});
afterAll(async () => {
  await subgraph?.stop();
});

const seeded = buildInspections(world).inspections;
const INSPECTIONS = `query($first: Int, $after: String, $filter: SecurityInspectionFilter, $orderBy: SecurityInspectionOrder, $targetKind: InspectionTargetKind) {
  securityInspections(first: $first, after: $after, filter: $filter, orderBy: $orderBy, targetKind: $targetKind) {
    totalCount edges { node { id conductedOn targetKind } } pageInfo { hasNextPage endCursor }
  }
}`;
interface Row {
  id: string;
  conductedOn: string;
  targetKind: string;
}
const walk = (variables: Record<string, unknown>, principal = cybersec) =>
  pageThrough<Row>(subgraph, principal, INSPECTIONS, 'securityInspections', variables, 1);
const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();

describe('securityInspections(filter:, orderBy:)', () => {
  it('orders newest or oldest first, every row once a page at a time, at the same SQL count per page', async () => {
    const newest = await walk({});
    const oldest = await walk({ orderBy: 'CONDUCTED_ON_ASC' });
    expect(ids(newest.nodes)).toEqual(ids(seeded));
    expect(newest.nodes.map((row) => row.conductedOn)).toEqual(
      newest.nodes
        .map((row) => row.conductedOn)
        .sort()
        .reverse(),
    );
    expect(oldest.nodes.map((row) => row.id)).toEqual(newest.nodes.map((row) => row.id).reverse());
    for (const list of [newest, oldest]) expect(new Set(list.statements.slice(0, -1)).size, list.statements.join(',')).toBe(1);
  });

  it('filters by conducted days (both ends included), target kind, provider and system', async () => {
    const inOctober = await walk({ filter: { conductedFrom: '2026-10-01', conductedTo: '2026-10-31' } });
    expect(ids(inOctober.nodes)).toEqual(ids(seeded.filter((i) => i.conductedOn >= '2026-10-01' && i.conductedOn <= '2026-10-31')));
    const day = seeded[0]!.conductedOn;
    expect(ids((await walk({ filter: { conductedFrom: day, conductedTo: day } })).nodes)).toEqual(
      ids(seeded.filter((i) => i.conductedOn === day)),
    );
    expect(ids((await walk({ filter: { targetKind: 'PLATFORM' } })).nodes)).toEqual(ids(seeded.filter((i) => i.targetKind === 'PLATFORM')));
    expect(ids((await walk({ targetKind: 'SYSTEM' })).nodes)).toEqual(ids(seeded.filter((i) => i.targetKind === 'SYSTEM')));
    const system = seeded.find((i) => i.systemId)!;
    expect(ids((await walk({ filter: { systemId: system.systemId } })).nodes)).toEqual([system.id]);
    const provider = seeded.find((i) => i.targetKind === 'PLATFORM')!.providerId!;
    expect(ids((await walk({ filter: { providerId: provider, targetKind: 'PLATFORM' } })).nodes)).toEqual(
      ids(seeded.filter((i) => i.providerId === provider && i.targetKind === 'PLATFORM')),
    );
  });

  it('a filtered list stays within the scope', async () => {
    const county = seeded.find((i) => i.regionCode && i.regionCode !== '371600')!;
    const seen = await walk({ filter: { conductedFrom: '2026-01-01' } }, countyAuthority(county.regionCode!));
    expect(ids(seen.nodes)).toEqual(ids(seeded.filter((i) => i.regionCode === county.regionCode)));
  });

  it('refuses a malformed id or a backwards range as BAD_USER_INPUT', async () => {
    for (const filter of [
      { systemId: 'S-371600-001-01' },
      { providerId: 'P-INSPUR' },
      { conductedFrom: '2026-11-02', conductedTo: '2026-11-01' },
    ]) {
      const result = await subgraph.query(cybersec, INSPECTIONS, { filter });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
    }
  });
});
