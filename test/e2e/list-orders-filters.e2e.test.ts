// Lists people can use (issue 12), through the gateway: a county portal pages its systems newest
// go-live first, two at a time, and gets every system once in order (第三条、第十四条); a cursor of
// another order is BAD_USER_INPUT. The county portal's overdue rectifications by severity and owner
// (operations/county/rectifications-overdue, 第十九条), the analyst's agreements ending soonest
// (operations/analyst/agreements-ending, 第九条), MLPS records and provider evaluations filtered
// (第二十一条、第二十六条): each filter answers exactly its rows through the gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalystAgreementsEndingDocument, CountyOverdueRectificationsDocument } from '../../operations/generated/graphql';
import { addDays } from '../../subgraphs/kit/dates';
import { WORLD_TODAY } from '../../seed/world';
import { expectGatewayCode } from '../setup/gateway-assertions';
import { startStack, type GraphQLResult, type Stack } from '../setup/stack';

let stack: Stack;
let county: string;
let bureau: string;

const BINCHENG = '371602';

beforeAll(async () => {
  stack = await startStack({ seed: true });
  county = await stack.token({ role: 'COUNTY_AUTHORITY', region: BINCHENG });
  bureau = await stack.token({ role: 'BUREAU' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

interface SystemsPage {
  systems: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: Array<{ node: { id: string; goLiveOn: string | null } }>;
  };
}

const SYSTEMS = `query ($after: String, $orderBy: SystemOrder) {
  systems(first: 2, after: $after, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id goLiveOn } }
  }
}`;

describe('list orders through the gateway', () => {
  it('pages a county’s systems by go-live day, newest first and not yet live last, every system once', async () => {
    const expected = stack.world.systems.filter((system) => system.regionCode === BINCHENG);
    expect(expected.some((system) => system.goLiveOn === null)).toBe(true);
    const seen: Array<{ id: string; goLiveOn: string | null }> = [];
    let after: string | null = null;
    for (;;) {
      const result: GraphQLResult<SystemsPage> = await stack.query<SystemsPage>(county, SYSTEMS, {
        after,
        orderBy: { field: 'GO_LIVE_ON', direction: 'DESC' },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.systems.totalCount).toBe(expected.length);
      seen.push(...result.data!.systems.edges.map((edge) => edge.node));
      if (!result.data!.systems.pageInfo.hasNextPage) break;
      after = result.data!.systems.pageInfo.endCursor;
    }
    expect(seen.map((row) => row.id).sort()).toEqual(expected.map((system) => system.id).sort());
    const live = seen.filter((row) => row.goLiveOn !== null).map((row) => row.goLiveOn!);
    expect(live).toEqual([...live].sort().reverse());
    expect(seen.slice(live.length).every((row) => row.goLiveOn === null)).toBe(true);
  });

  it('refuses a cursor of another order with BAD_USER_INPUT', async () => {
    const first = await stack.query<SystemsPage>(county, SYSTEMS, { orderBy: { field: 'GO_LIVE_ON', direction: 'DESC' } });
    const result = await stack.query(county, SYSTEMS, {
      after: first.data!.systems.pageInfo.endCursor,
      orderBy: { field: 'NAME', direction: 'DESC' },
    });
    expectGatewayCode(result, 'BAD_USER_INPUT');
  });
});

interface Listed<T> {
  totalCount: number;
  edges: Array<{ node: T }>;
}

describe('list filters through the gateway', () => {
  // The demo's overdue rectifications are the city's (its platform and system inspections), so the
  // county portal's document is sent with the bureau's token; scope is the county's own test above.
  it('filters overdue rectifications by severity and owner with the county portal’s document, longest overdue first', async () => {
    const all = await stack.query(bureau, CountyOverdueRectificationsDocument, { severity: [], first: 100 });
    expect(all.errors).toBeUndefined();
    const rows = all.data!.overdueRectifications!.edges.map((edge) => edge.node);
    expect(rows.length).toBeGreaterThan(1);
    const high = await stack.query(bureau, CountyOverdueRectificationsDocument, { severity: ['HIGH'], ownerKind: 'UNIT', first: 100 });
    expect(high.errors).toBeUndefined();
    const expected = rows.filter((row) => row.severity === 'HIGH' && row.rectification.ownerKind === 'UNIT');
    const got = high.data!.overdueRectifications!.edges.map((edge) => edge.node);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(rows.length);
    expect(got.map((row) => row.id).sort()).toEqual(expected.map((row) => row.id).sort());
    expect(high.data!.overdueRectifications!.totalCount).toBe(expected.length);
    const deadlines = rows.map((row) => row.rectification.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    const inCounty = await stack.query(county, CountyOverdueRectificationsDocument, {});
    expect(inCounty.errors).toBeUndefined();
    expect(inCounty.data!.overdueRectifications!.totalCount).toBe(0);
  });

  it('gives an analyst the active agreements ending in a period, soonest first', async () => {
    const active = stack.world.agreements.filter((agreement) => agreement.status === 'ACTIVE');
    const endsTo = [...active.map((agreement) => agreement.endsOn)].sort()[Math.floor(active.length / 2)]!;
    const result = await stack.query(bureau, AnalystAgreementsEndingDocument, { endsTo, first: 100 });
    expect(result.errors).toBeUndefined();
    const days = result.data!.agreements!.edges.map((edge) => edge.node.endsOn);
    expect(days.length).toBeGreaterThan(0);
    expect(days.every((day) => day <= endsTo)).toBe(true);
    expect(days).toEqual([...days].sort());
  });

  it('filters service items by category and name', async () => {
    const result = await stack.query<{ serviceItems: Listed<{ category: string; name: string }> }>(
      bureau,
      `{ serviceItems(first: 100, filter: { category: [COMPUTE], search: "云" }) { totalCount edges { node { category name } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const expected = stack.world.serviceItems.filter((item) => item.category === 'COMPUTE' && item.name.includes('云'));
    expect(result.data!.serviceItems.totalCount).toBe(expected.length);
  });

  it('filters MLPS records by level and filing, and provider evaluations by grade', async () => {
    const mlps = await stack.query<{ mlpsRecords: Listed<{ level: number; filedOn: string | null }> }>(
      bureau,
      `{ mlpsRecords(first: 100, filter: { level: [3, 4], filed: true }) { totalCount edges { node { level filedOn } } } }`,
    );
    expect(mlps.errors).toBeUndefined();
    const records = mlps.data!.mlpsRecords.edges.map((edge) => edge.node);
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((record) => [3, 4].includes(record.level) && record.filedOn !== null)).toBe(true);
    const graded = await stack.query<{ providerEvaluations: Listed<{ grade: string }> }>(
      bureau,
      `{ providerEvaluations(first: 100, filter: { grade: [EXCELLENT, GOOD] }) { totalCount edges { node { grade } } } }`,
    );
    expect(graded.errors).toBeUndefined();
    expect(graded.data!.providerEvaluations.edges.every((edge) => ['EXCELLENT', 'GOOD'].includes(edge.node.grade))).toBe(true);
  });

  it('filters monitoring roll-ups by region and days, and flagged systems by region, as the county sees them', async () => {
    const from = addDays(WORLD_TODAY, -6);
    const daily = `query ($filter: MonitoringDailyFilter) {
      monitoringDailyFigures(from: "${addDays(WORLD_TODAY, -29)}", to: "${WORLD_TODAY}", first: 100, filter: $filter) {
        totalCount edges { node { date region { code } } }
      }
    }`;
    const filtered = await stack.query<{ monitoringDailyFigures: Listed<{ date: string; region: { code: string } }> }>(bureau, daily, {
      filter: { regionCode: BINCHENG, dayFrom: from, dayTo: WORLD_TODAY },
    });
    expect(filtered.errors).toBeUndefined();
    const own = await stack.query<{ monitoringDailyFigures: Listed<unknown> }>(county, daily, { filter: { dayFrom: from } });
    const nodes = filtered.data!.monitoringDailyFigures.edges.map((edge) => edge.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((node) => node.region.code === BINCHENG && node.date >= from)).toBe(true);
    expect(filtered.data!.monitoringDailyFigures.totalCount).toBe(own.data!.monitoringDailyFigures.totalCount);
    const flagged = `query ($filter: FlaggedSystemFilter) { flaggedSystems(first: 100, filter: $filter) { totalCount } }`;
    const every = [`NORMAL`, `UNDER_USED`, `IDLE`, `EXCLUDED`, `NO_DATA`];
    const byRegion = await stack.query<{ flaggedSystems: { totalCount: number } }>(bureau, flagged, {
      filter: { flag: every, regionCode: BINCHENG },
    });
    const countySees = await stack.query<{ flaggedSystems: { totalCount: number } }>(county, flagged, { filter: { flag: every } });
    expect(byRegion.errors).toBeUndefined();
    expect(byRegion.data!.flaggedSystems.totalCount).toBeGreaterThan(0);
    expect(byRegion.data!.flaggedSystems.totalCount).toBe(countySees.data!.flaggedSystems.totalCount);
  });

  it('filters security agreements by status and region as the county sees its signed ones', async () => {
    const listed = `query ($filter: SecurityAgreementFilter) {
      securityAgreements(first: 100, filter: $filter) { totalCount edges { node { status region { code } } } }
    }`;
    const filtered = await stack.query<{ securityAgreements: Listed<{ status: string; region: { code: string } }> }>(bureau, listed, {
      filter: { status: ['SIGNED'], regionCode: BINCHENG },
    });
    expect(filtered.errors).toBeUndefined();
    const expected = stack.world.securityAgreements.filter(
      (agreement) => agreement.status === 'SIGNED' && agreement.regionCode === BINCHENG,
    );
    expect(filtered.data!.securityAgreements.totalCount).toBe(expected.length);
    const own = await stack.query<{ securityAgreements: Listed<unknown> }>(county, listed, { filter: { status: ['SIGNED'] } });
    expect(own.data!.securityAgreements.totalCount).toBe(expected.length);
  });

  it('filters access grants by status and region as the county sees them', async () => {
    const listed = `query ($filter: AccessGrantFilter) { accessGrants(first: 100, filter: $filter) { totalCount edges { node { active region { code } } } } }`;
    const filtered = await stack.query<{ accessGrants: Listed<{ active: boolean; region: { code: string } }> }>(bureau, listed, {
      filter: { status: ['ACTIVE'], regionCode: BINCHENG },
    });
    expect(filtered.errors).toBeUndefined();
    const nodes = filtered.data!.accessGrants.edges.map((edge) => edge.node);
    expect(nodes.every((node) => node.active && node.region.code === BINCHENG)).toBe(true);
    const own = await stack.query<{ accessGrants: Listed<unknown> }>(county, listed, { filter: { status: ['ACTIVE'] } });
    expect(filtered.data!.accessGrants.totalCount).toBe(own.data!.accessGrants.totalCount);
  });

  it('takes the provider exits and system migrations filters through the gateway', async () => {
    const exits = await stack.query<{ providerExits: Listed<unknown> }>(
      bureau,
      `{ providerExits(filter: { status: [IN_TRANSITION, COMPLETED], regionCode: "${BINCHENG}", startedFrom: "2019-01-01" }) { totalCount } }`,
    );
    expect(exits.errors).toBeUndefined();
    const migrations = await stack.query<{ systemMigrations: Listed<unknown> }>(
      county,
      `{ systemMigrations(filter: { status: [PENDING], regionCode: "${BINCHENG}", dueTo: "2030-12-31" }) { totalCount } }`,
    );
    expect(migrations.errors).toBeUndefined();
    expect(migrations.data!.systemMigrations.totalCount).toBeGreaterThanOrEqual(0);
  });

  it('filters the MLPS overdue systems and units by region as the county sees them', async () => {
    const query = `query ($filter: MlpsOverdueFilter) { mlpsOverdueSystems(first: 1, filter: $filter) { totalCount } mlpsOverdueUnits(first: 1, filter: $filter) { totalCount } }`;
    type Counts = { mlpsOverdueSystems: { totalCount: number }; mlpsOverdueUnits: { totalCount: number } };
    const byRegion = await stack.query<Counts>(bureau, query, { filter: { regionCode: BINCHENG } });
    const own = await stack.query<Counts>(county, query, {});
    expect(byRegion.errors).toBeUndefined();
    expect(byRegion.data).toEqual(own.data);
  });

  it('answers a code where an id belongs in a filter with BAD_USER_INPUT, in every subgraph', async () => {
    for (const query of [
      `{ overdueRectifications(filter: { providerId: "P-INSPUR" }) { totalCount } }`,
      `{ agreements(filter: { providerId: "P-INSPUR" }) { totalCount } }`,
      `{ providerEvaluations(filter: { providerId: "P-INSPUR" }) { totalCount } }`,
      `{ securityBulletins(filter: { providerId: "P-INSPUR" }) { totalCount } }`,
      `{ securityAgreements(filter: { providerId: "P-INSPUR" }) { totalCount } }`,
      `{ accessGrants(filter: { unitId: "U-371602-001" }) { totalCount } }`,
      `{ providerExits(filter: { providerId: "P-INSPUR" }) { totalCount } }`,
      `{ systemMigrations(filter: { providerId: "P-INSPUR" }) { totalCount } }`,
      `{ unitPerformanceResults(year: 2025, filter: { unitId: "U-371602-001" }) { totalCount } }`,
      `{ mlpsOverdueSystems(filter: { unitId: "U-371602-001" }) { totalCount } }`,
      `{ mlpsOverdueUnits(filter: { unitId: "U-371602-001" }) { totalCount } }`,
      `{ providerMonitoringDaily(from: "2026-11-01", to: "2026-11-02", filter: { providerId: "P-INSPUR" }) { totalCount } }`,
    ]) {
      expectGatewayCode(await stack.query(bureau, query), 'BAD_USER_INPUT');
    }
  });
});
