// The access records list's filter and order (accessRecords(filter:, orderBy:), 第二十三条): Beijing
// access-day ranges, system and violations, both orders, every row once across pages at a constant
// SQL count, the deprecated arguments still working, the scope still applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessDemo } from '../../../seed/world/security-access';
import { pageThrough } from '../../setup/list-paging';
import { BINCHENG, countyAuthority, cybersec, world } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});
afterAll(async () => {
  await subgraph?.stop();
});

const seeded = buildAccessDemo(world).records;
const RECORDS = `query($first: Int, $after: String, $filter: AccessRecordFilter, $orderBy: AccessRecordOrder, $systemId: ID) {
  accessRecords(first: $first, after: $after, filter: $filter, orderBy: $orderBy, systemId: $systemId) {
    totalCount edges { node { id accessedAt violation } } pageInfo { hasNextPage endCursor }
  }
}`;
interface Row {
  id: string;
  accessedAt: string;
  violation: boolean;
}
const walk = (variables: Record<string, unknown>, principal = cybersec) =>
  pageThrough<Row>(subgraph, principal, RECORDS, 'accessRecords', variables, 4);
const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();
const time = (value: string | Date) => new Date(value).getTime();

describe('accessRecords(filter:, orderBy:)', () => {
  it('orders newest or oldest first, every row once a page at a time, at the same SQL count per page', async () => {
    const newest = await walk({});
    const oldest = await walk({ orderBy: 'ACCESSED_AT_ASC' });
    expect(ids(newest.nodes)).toEqual(ids(seeded));
    const times = newest.nodes.map((row) => time(row.accessedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(oldest.nodes.map((row) => row.id)).toEqual(newest.nodes.map((row) => row.id).reverse());
    for (const list of [newest, oldest]) expect(new Set(list.statements.slice(0, -1)).size, list.statements.join(',')).toBe(1);
  });

  it('filters by Beijing access days, system and violations', async () => {
    const from = time('2026-11-21T00:00:00+08:00');
    const to = time('2026-11-22T00:00:00+08:00');
    const on21 = await walk({ filter: { accessedFrom: '2026-11-21', accessedTo: '2026-11-21' } });
    expect(ids(on21.nodes)).toEqual(ids(seeded.filter((r) => time(r.accessedAt) >= from && time(r.accessedAt) < to)));
    const system = seeded[0]!.systemId;
    expect(ids((await walk({ filter: { systemId: system } })).nodes)).toEqual(ids(seeded.filter((r) => r.systemId === system)));
    expect(ids((await walk({ systemId: system })).nodes)).toEqual(ids(seeded.filter((r) => r.systemId === system)));
    const violations = await walk({ filter: { violationsOnly: true } });
    expect(violations.nodes.every((row) => row.violation)).toBe(true);
    expect(violations.totalCount).toBeGreaterThan(0);
  });

  it('a filtered list stays within the scope', async () => {
    const seen = await walk({ filter: { accessedFrom: '2026-11-01' } }, countyAuthority(BINCHENG));
    expect(ids(seen.nodes)).toEqual(
      ids(seeded.filter((r) => r.regionCode === BINCHENG && time(r.accessedAt) >= time('2026-11-01T00:00:00+08:00'))),
    );
  });

  it('refuses a malformed id or a backwards range as BAD_USER_INPUT', async () => {
    for (const filter of [
      { systemId: 'S-371600-001-01' },
      { unitId: 'U-371602-001' },
      { accessedFrom: '2026-11-22', accessedTo: '2026-11-21' },
    ]) {
      const result = await subgraph.query(cybersec, RECORDS, { filter });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
    }
  });
});
