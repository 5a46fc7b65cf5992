// The security subgraph's per-unit figures for the annual unit performance evaluation
// (UNIT_PERFORMANCE, 第二十六条) and the analysts' units overdue on MLPS (MLPS_6M, 第二十二条).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { stableId } from '../../../subgraphs/kit/stable-id';
import { inspectedSystemOf } from '../../../seed/world/security-inspections';
import { BINCHENG, bureau, cityFinance, countyAuthority, cybersec, unitWithSystems, userUnit, world } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
}, 120_000);

afterAll(async () => {
  await subgraph?.stop();
});

const OVERDUE_UNITS = `query($first: Int, $after: String) {
  mlpsOverdueUnits(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor overdueSystems oldestDueOn longestDaysOverdue region { code } node { id } }
  }
  mlpsOverdueSystems(first: 100) { totalCount edges { node { id } } }
}`;
const SUMMARIES = `query($unitIds: [ID!]!, $year: Int!) {
  unitSecuritySummaries(unitIds: $unitIds, year: $year) {
    unit { id } year referenceDate liveSystems mlpsOverdueSystems openRectifications overdueRectifications accessViolations incidents seriousIncidents
  }
}`;

interface OverdueUnitEdge {
  cursor: string;
  overdueSystems: number;
  oldestDueOn: string;
  longestDaysOverdue: number;
  region: { code: string };
  node: { id: string };
}
interface OverdueUnits {
  mlpsOverdueUnits: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: OverdueUnitEdge[] };
  mlpsOverdueSystems: { totalCount: number; edges: Array<{ node: { id: string } }> };
}

async function allOverdueUnits(
  principal: Principal,
  first: number,
): Promise<{ edges: OverdueUnitEdge[]; systems: number; totalCount: number }> {
  const edges: OverdueUnitEdge[] = [];
  let after: string | null = null;
  let answer: OverdueUnits;
  do {
    const result = await subgraph.query<OverdueUnits>(principal, OVERDUE_UNITS, { first, after });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    answer = result.data!;
    edges.push(...answer.mlpsOverdueUnits.edges);
    after = answer.mlpsOverdueUnits.pageInfo.hasNextPage ? answer.mlpsOverdueUnits.pageInfo.endCursor : null;
  } while (after);
  return { edges, systems: answer.mlpsOverdueSystems.totalCount, totalCount: answer.mlpsOverdueUnits.totalCount };
}

describe('MLPS_6M units overdue on MLPS (the analysts’ question)', () => {
  it('lists, for the cybersecurity authority, each unit with overdue systems once, most overdue first, adding up to the systems list', async () => {
    const { edges, systems, totalCount } = await allOverdueUnits(cybersec, 100);
    expect(edges.length).toBeGreaterThan(1);
    expect(totalCount).toBe(edges.length);
    expect(new Set(edges.map((edge) => edge.node.id)).size).toBe(edges.length);
    expect(edges.reduce((sum, edge) => sum + edge.overdueSystems, 0)).toBe(systems);
    const counts = edges.map((edge) => edge.overdueSystems);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const edge of edges) expect(edge.oldestDueOn < '2026-11-26').toBe(true);
    // The same list, three at a time.
    expect((await allOverdueUnits(cybersec, 3)).edges).toEqual(edges.map((edge) => ({ ...edge, cursor: expect.any(String) })));
  });

  it('keeps to the scope of mlpsOverdueSystems: a county its own, a unit itself, finance nothing', async () => {
    const city = (await allOverdueUnits(cybersec, 100)).edges;
    const county = await allOverdueUnits(countyAuthority(BINCHENG), 100);
    expect(county.edges.map((edge) => edge.node.id)).toEqual(
      city.filter((edge) => edge.region.code === BINCHENG).map((edge) => edge.node.id),
    );
    const overdueUnit = world.units.find((unit) => unit.id === city[0]!.node.id)!;
    const own = await allOverdueUnits(userUnit(overdueUnit), 100);
    expect(own.edges.map((edge) => edge.node.id)).toEqual([overdueUnit.id]);
    expect((await allOverdueUnits(cityFinance, 100)).totalCount).toBe(0);
  });

  it('answers in a constant number of statements whatever the page size', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const statements: number[] = [];
    for (const first of [2, 50]) {
      counter.reset();
      expect(
        (
          await subgraph.query(cybersec, `query($first: Int) { mlpsOverdueUnits(first: $first) { totalCount edges { overdueSystems } } }`, {
            first,
          })
        ).errors,
      ).toBeUndefined();
      statements.push(counter.count);
    }
    expect(statements[0]).toBe(statements[1]);
  });

  it('refuses a forged cursor', async () => {
    const answer = await subgraph.query(cybersec, OVERDUE_UNITS, { first: 2, after: 'bm9wZQ' });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('UNIT_PERFORMANCE unit security summaries', () => {
  it('counts each unit’s open and overdue rectifications, violations, incidents and overdue systems for the year', async () => {
    const inspected = inspectedSystemOf(world, '371600');
    const nobody = stableId('test', 'no-such-unit');
    const result = await subgraph.query<{ unitSecuritySummaries: Array<Record<string, unknown>> }>(bureau, SUMMARIES, {
      unitIds: [inspected.unitId, nobody],
      year: 2026,
    });
    expect(result.errors).toBeUndefined();
    const [unit, none] = result.data!.unitSecuritySummaries;
    // Seeded: two findings on the city system, one past its deadline of 2026-11-10, the other due 2026-12-20.
    expect(unit).toMatchObject({
      unit: { id: inspected.unitId },
      year: 2026,
      referenceDate: '2026-11-26',
      openRectifications: 2,
      overdueRectifications: 1,
    });
    expect(none).toEqual({
      unit: { id: nobody },
      year: 2026,
      referenceDate: '2026-11-26',
      liveSystems: 0,
      mlpsOverdueSystems: 0,
      openRectifications: 0,
      overdueRectifications: 0,
      accessViolations: 0,
      incidents: 0,
      seriousIncidents: 0,
    });
    // As of the end of 2025 the 2026 findings were not raised yet.
    const lastYear = await subgraph.query<{ unitSecuritySummaries: Array<{ openRectifications: number; referenceDate: string }> }>(
      bureau,
      SUMMARIES,
      {
        unitIds: [inspected.unitId],
        year: 2025,
      },
    );
    expect(lastYear.data!.unitSecuritySummaries[0]).toMatchObject({ openRectifications: 0, referenceDate: '2025-12-31' });
  });

  it('agrees with mlpsOverdueUnits for the current year', async () => {
    const { edges } = await allOverdueUnits(cybersec, 100);
    const result = await subgraph.query<{ unitSecuritySummaries: Array<{ unit: { id: string }; mlpsOverdueSystems: number }> }>(
      cybersec,
      SUMMARIES,
      {
        unitIds: edges.map((edge) => edge.node.id),
        year: 2026,
      },
    );
    expect(result.data!.unitSecuritySummaries.map((summary) => summary.mlpsOverdueSystems)).toEqual(
      edges.map((edge) => edge.overdueSystems),
    );
  });

  it('costs four statements for 3 units as for 60', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const statements: number[] = [];
    for (const size of [3, 60]) {
      counter.reset();
      const result = await subgraph.query(bureau, SUMMARIES, { unitIds: world.units.slice(0, size).map((unit) => unit.id), year: 2026 });
      expect(result.errors).toBeUndefined();
      statements.push(counter.count);
    }
    expect(statements).toEqual([4, 4]);
  });

  it('is for the city’s evaluating, security and audit roles only, with well-formed input', async () => {
    const unit = unitWithSystems(BINCHENG, 1);
    for (const principal of [userUnit(unit), countyAuthority(BINCHENG), cityFinance, { subject: 'm', role: Role.MONITOR }]) {
      const answer = await subgraph.query(principal, SUMMARIES, { unitIds: [unit.id], year: 2026 });
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    for (const variables of [
      { unitIds: ['not-a-uuid'], year: 2026 },
      { unitIds: [unit.id], year: 2027 },
      { unitIds: [unit.id], year: 2018 },
    ]) {
      expect((await subgraph.query(bureau, SUMMARIES, variables)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
