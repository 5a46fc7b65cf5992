// UNIT_PERFORMANCE (第二十六条) through the gateway, from a freshly seeded stack: the bureau runs the
// 2026 evaluation (security figures asked from the security subgraph), publishes it, and then any
// unit reads any other unit's published result. (A unit sees only its own Unit record in the
// applications subgraph, so other units appear by their published code, name and region, with
// `unit` null; the bureau sees their records.)
// The analysts' "units overdue on MLPS" answers the cybersecurity authority in one query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGatewayCode, expectGatewayRuleViolation } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const RESULTS = `query($year: Int!) {
  unitPerformanceEvaluation(year: $year) { status unitCount }
  unitPerformanceResults(year: $year, first: 100) {
    totalCount
    edges { node { id grade totalScore status unit { id } unitCode region { code } securityFigures { mlpsOverdueSystems } } }
  }
}`;
const ONE = `query($id: ID!) { unitPerformanceResult(id: $id) { id grade totalScore status unit { id } region { code } } }`;

interface Results {
  unitPerformanceEvaluation: { status: string; unitCount: number } | null;
  unitPerformanceResults: {
    totalCount: number;
    edges: Array<{
      node: {
        id: string;
        grade: string;
        totalScore: number;
        status: string;
        unit: { id: string } | null;
        unitCode: string;
        region: { code: string };
      };
    }>;
  };
}

describe('UNIT_PERFORMANCE through the gateway', () => {
  it('the bureau runs 2026 and publishes it once the year is over, from figures to 31 December; a unit then reads another unit’s published result', async () => {
    const [unitA, unitB] = stack.world.units.filter((unit) =>
      stack.world.systems.some((system) => system.unitId === unit.id && system.goLiveOn),
    );
    const unitToken = await stack.token({ role: 'USER_UNIT', unit: unitA!.id, region: unitA!.regionCode });

    const run = await stack.query<{ runUnitPerformanceEvaluation: { status: string; unitCount: number } }>(
      bureau,
      `mutation { runUnitPerformanceEvaluation(year: 2026) { status unitCount } }`,
    );
    expect(run.errors).toBeUndefined();
    expect(run.data!.runUnitPerformanceEvaluation.status).toBe('DRAFT');

    const draftSeenByUnit = await stack.query<Results>(unitToken, RESULTS, { year: 2026 });
    expect(draftSeenByUnit.data).toMatchObject({ unitPerformanceEvaluation: null, unitPerformanceResults: { totalCount: 0 } });

    // Not while the year runs (第二十六条 按年度通报): published results never change again.
    const PUBLISH = `mutation { publishUnitPerformanceEvaluation(year: 2026) { status publishedAt } }`;
    expectGatewayRuleViolation(await stack.query(bureau, PUBLISH), 'UNIT_PERFORMANCE', '第二十六条', { year: 2026 });
    // In January: the draft's figures stop on the day it ran, so it is run again to 31 December, then published.
    const saved = process.env.GOVCLOUD_TODAY;
    process.env.GOVCLOUD_TODAY = '2027-01-04';
    let published;
    try {
      expectGatewayRuleViolation(await stack.query(bureau, PUBLISH), 'UNIT_PERFORMANCE', '第二十六条', { referenceDate: '2026-11-26' });
      const rerun = await stack.query(bureau, `mutation { runUnitPerformanceEvaluation(year: 2026) { status referenceDate } }`);
      expect(rerun.data).toMatchObject({ runUnitPerformanceEvaluation: { status: 'DRAFT', referenceDate: '2026-12-31' } });
      published = await stack.query(bureau, PUBLISH);
    } finally {
      if (saved === undefined) delete process.env.GOVCLOUD_TODAY;
      else process.env.GOVCLOUD_TODAY = saved;
    }
    expect(published.errors).toBeUndefined();
    expect(published.data).toMatchObject({ publishUnitPerformanceEvaluation: { status: 'PUBLISHED' } });

    const seen = await stack.query<Results>(unitToken, RESULTS, { year: 2026 });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.unitPerformanceEvaluation).toEqual({
      status: 'PUBLISHED',
      unitCount: run.data!.runUnitPerformanceEvaluation.unitCount,
    });
    expect(seen.data!.unitPerformanceResults.totalCount).toBe(run.data!.runUnitPerformanceEvaluation.unitCount);
    const other = seen.data!.unitPerformanceResults.edges.find((edge) => edge.node.unitCode === unitB!.code)!.node;
    expect(other.region.code).toBe(unitB!.regionCode);

    const lookup = await stack.query<{ unitPerformanceResult: { unit: { id: string } | null; status: string } }>(unitToken, ONE, {
      id: other.id,
    });
    expect(lookup.errors).toBeUndefined();
    // The Unit record stays the owning unit's own: null, not the other unit's id, and no field nulled on the way.
    expect(lookup.data!.unitPerformanceResult).toMatchObject({ status: 'PUBLISHED', unit: null, grade: other.grade });
    expect(lookup.extensions?.valueCompletion).toBeUndefined();

    // Every unit reads the published name; the Unit record itself stays the owning unit's own.
    const byName = await stack.query<{ unitPerformanceResult: { unitName: string; unitCode: string; unit: null } }>(
      unitToken,
      `query($id: ID!) { unitPerformanceResult(id: $id) { unitName unitCode unit { name } } }`,
      { id: other.id },
    );
    expect(byName.data!.unitPerformanceResult).toEqual({ unitName: unitB!.name, unitCode: unitB!.code, unit: null });

    // The bureau reads the same result with the unit's name, joined from the applications subgraph.
    const named = await stack.query<{ unitPerformanceResult: { unit: { name: string } } }>(
      bureau,
      `query($id: ID!) { unitPerformanceResult(id: $id) { unit { name } } }`,
      { id: other.id },
    );
    expect(named.data!.unitPerformanceResult.unit.name).toBe(unitB!.name);

    const again = await stack.query(bureau, `mutation { runUnitPerformanceEvaluation(year: 2026) { status } }`);
    expectGatewayRuleViolation(again, 'UNIT_PERFORMANCE', '第二十六条');
  });

  it('the seeded, published 2025 result is readable by a county authority', async () => {
    const county = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371602' });
    const answer = await stack.query<Results>(county, RESULTS, { year: 2025 });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.unitPerformanceEvaluation?.status).toBe('PUBLISHED');
    expect(answer.data!.unitPerformanceResults.totalCount).toBe(answer.data!.unitPerformanceEvaluation!.unitCount);
    const regions = new Set(answer.data!.unitPerformanceResults.edges.map((edge) => edge.node.region.code));
    expect(regions.size, 'units of every level, not only the county’s own').toBeGreaterThan(1);
  });

  it('answers the cybersecurity authority’s “units overdue on MLPS” in one query', async () => {
    const cybersec = await stack.token({ role: 'CYBERSEC' });
    const answer = await stack.query<{
      mlpsOverdueUnits: {
        totalCount: number;
        edges: Array<{ overdueSystems: number; longestDaysOverdue: number; node: { id: string; name: string } }>;
      };
      mlpsOverdueSystems: { totalCount: number };
    }>(
      cybersec,
      `{ mlpsOverdueUnits(first: 100) { totalCount edges { overdueSystems longestDaysOverdue region { name } node { id name } } } mlpsOverdueSystems { totalCount } }`,
    );
    expect(answer.errors).toBeUndefined();
    const { mlpsOverdueUnits, mlpsOverdueSystems } = answer.data!;
    expect(mlpsOverdueUnits.totalCount).toBe(mlpsOverdueUnits.edges.length);
    expect(mlpsOverdueUnits.edges.reduce((sum, edge) => sum + edge.overdueSystems, 0)).toBe(mlpsOverdueSystems.totalCount);
    for (const edge of mlpsOverdueUnits.edges) {
      expect(edge.node.name).toBe(stack.world.units.find((unit) => unit.id === edge.node.id)!.name);
    }
  });

  it('with the security subgraph down the bureau’s run is SERVICE_UNAVAILABLE and leaves no evaluation', async () => {
    await stack.stopSubgraph('security');
    try {
      expectGatewayCode(
        await stack.query(bureau, `mutation { runUnitPerformanceEvaluation(year: 2024) { status } }`),
        'SERVICE_UNAVAILABLE',
      );
    } finally {
      await stack.startSubgraph('security');
    }
    const none = await stack.query<Results>(bureau, RESULTS, { year: 2024 });
    expect(none.data).toMatchObject({ unitPerformanceEvaluation: null, unitPerformanceResults: { totalCount: 0 } });
  });
});
