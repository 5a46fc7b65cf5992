// The security incidents list's filter and order (securityIncidents(filter:, orderBy:), 第十八条,
// INCIDENT_REPORT): Beijing-day report ranges, several statuses and levels, both report orders with
// the id tiebreak, every row once across pages at a constant SQL count, and the scope still applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidents } from '../../../seed/world/security-incidents';
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

const seeded = buildIncidents(world).incidents;
const INCIDENTS = `query($first: Int, $after: String, $filter: SecurityIncidentFilter, $orderBy: SecurityIncidentOrder) {
  securityIncidents(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount edges { node { id status severity reportedAt reportedLate } } pageInfo { hasNextPage endCursor }
  }
}`;
interface Row {
  id: string;
  status: string;
  severity: string;
  reportedAt: string;
  reportedLate: boolean;
}
const walk = (variables: Record<string, unknown>, principal = cybersec) =>
  pageThrough<Row>(subgraph, principal, INCIDENTS, 'securityIncidents', variables, 1);
const at = (row: { reportedAt: string | Date }) => new Date(row.reportedAt).getTime();

describe('securityIncidents(filter:, orderBy:)', () => {
  it('a report day range is Beijing days, both ends included', async () => {
    // Reported at 00:35 on 21 November in Beijing (20 November in UTC).
    const late = seeded.find((incident) => incident.severity === 'SERIOUS')!;
    const on21 = await walk({ filter: { reportedFrom: '2026-11-21', reportedTo: '2026-11-21' } });
    expect(on21.nodes.map((row) => row.id)).toEqual([late.id]);
    const upTo20 = await walk({ filter: { reportedTo: '2026-11-20' } });
    expect(upTo20.nodes.map((row) => row.id)).not.toContain(late.id);
    const expected = seeded.filter((incident) => at(incident) < new Date('2026-11-21T00:00:00+08:00').getTime());
    expect(upTo20.totalCount).toBe(expected.length);
  });

  it('filters by several statuses and levels, and by late reports', async () => {
    const open = await walk({ filter: { status: ['REPORTED', 'HANDLING'] } });
    expect(open.totalCount).toBe(seeded.filter((incident) => incident.status !== 'RESOLVED').length);
    const general = await walk({ filter: { severity: ['GENERAL'], status: ['RESOLVED'] } });
    expect(general.totalCount).toBe(seeded.filter((i) => i.severity === 'GENERAL' && i.status === 'RESOLVED').length);
    const late = await walk({ filter: { lateOnly: true } });
    expect(late.nodes.every((row) => row.reportedLate)).toBe(true);
    expect(late.totalCount).toBeGreaterThan(0);
  });

  it('orders newest or oldest first, every row once a page at a time, at the same SQL count per page', async () => {
    const newest = await walk({});
    const oldest = await walk({ orderBy: 'REPORTED_AT_ASC' });
    expect(newest.totalCount).toBe(seeded.length);
    expect(newest.nodes.map(at)).toEqual([...newest.nodes.map(at)].sort((a, b) => b - a));
    expect(oldest.nodes.map((row) => row.id)).toEqual([...newest.nodes.map((row) => row.id)].reverse());
    for (const list of [newest, oldest]) {
      expect(new Set(list.statements.slice(0, -1)).size, list.statements.join(',')).toBe(1);
    }
  });

  it('a filtered list stays within the scope', async () => {
    const county = countyAuthority(BINCHENG);
    const all = await walk({}, county);
    const filtered = await walk({ filter: { reportedFrom: '2026-11-01' } }, county);
    expect(all.totalCount).toBeLessThan(seeded.length);
    expect(filtered.nodes.map((row) => row.id).every((id) => all.nodes.some((row) => row.id === id))).toBe(true);
  });

  it('refuses a range that ends before it starts as BAD_USER_INPUT', async () => {
    const result = await subgraph.query(cybersec, INCIDENTS, { filter: { reportedFrom: '2026-11-22', reportedTo: '2026-11-21' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
