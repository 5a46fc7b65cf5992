// MLPS_6M (第二十二条) on the seeded security subgraph: due dates on systems and records, and the
// overdue worklist computed in SQL, scoped, paged, with a constant number of statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { isAssessmentOverdue } from '../../../subgraphs/security/mlps/mlps.rules';
import { startSubgraphForTest, type GraphQLResult, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, cityFinance, countyAuthority, cybersec, providerByCode, providerPrincipal, world } from '../../setup/principals';
import type { Principal } from '../../../subgraphs/kit/principal';
import {
  OVERDUE,
  SYSTEM_DUE,
  ownerOf,
  representationsOf,
  showcase,
  worldDueOn,
  type OverduePage,
  type SystemDue,
  type WorldSystem,
} from './mlps-helpers';

const TODAY = '2026-11-26';
let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

/** Walks the whole worklist page by page; returns the edges in order and the reported total. */
async function walkOverdue(principal: Principal, first = 7) {
  const edges: OverduePage['mlpsOverdueSystems']['edges'] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let page = 0; page < 100; page++) {
    const result: GraphQLResult<OverduePage> = await subgraph.query<OverduePage>(principal, OVERDUE, { first, after });
    expect(result.errors).toBeUndefined();
    const list: OverduePage['mlpsOverdueSystems'] = result.data!.mlpsOverdueSystems;
    totalCount = list.totalCount;
    edges.push(...list.edges);
    if (!list.pageInfo.hasNextPage) break;
    after = list.pageInfo.endCursor;
  }
  return { edges, totalCount };
}

const overdueInWorld = (keep: (system: WorldSystem) => boolean) =>
  world.systems.filter((system) => keep(system) && isAssessmentOverdue(worldDueOn(system), TODAY));

describe('MLPS_6M', () => {
  it('the level-3 system that went live on 2026-03-01 with no assessment is overdue (due 2026-09-01)', async () => {
    expect([showcase.goLiveOn, showcase.mlpsLevel]).toEqual(['2026-03-01', 3]);
    const result = await subgraph.query<{ _entities: SystemDue[] }>(cybersec, SYSTEM_DUE, representationsOf(showcase.id));
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0]).toMatchObject({
      nextAssessmentDueOn: '2026-09-01',
      assessmentOverdue: true,
      mlps: { level: 3, lastAssessedOn: null, nextAssessmentDueOn: '2026-09-01', assessmentOverdue: true },
    });
    const { edges } = await walkOverdue(ownerOf(showcase));
    expect(edges.map((edge) => edge.node.id)).toContain(showcase.id);
    expect(edges.find((edge) => edge.node.id === showcase.id)).toMatchObject({ nextAssessmentDueOn: '2026-09-01', daysOverdue: 86 });
  });

  it('the SQL worklist holds exactly the systems the rule calls overdue, longest overdue first', async () => {
    const { edges, totalCount } = await walkOverdue(cybersec);
    const expected = overdueInWorld(() => true);
    expect(expected.length).toBeGreaterThan(5);
    expect(totalCount).toBe(expected.length);
    expect(new Set(edges.map((edge) => edge.node.id))).toEqual(new Set(expected.map((system) => system.id)));
    expect(edges.length).toBe(expected.length);
    const dueDates = edges.map((edge) => edge.nextAssessmentDueOn);
    expect(dueDates).toEqual([...dueDates].sort());
    for (const edge of edges) {
      const system = world.systems.find((candidate) => candidate.id === edge.node.id)!;
      expect(edge.nextAssessmentDueOn).toBe(worldDueOn(system));
      expect(edge.node).toMatchObject({ nextAssessmentDueOn: edge.nextAssessmentDueOn, assessmentOverdue: true });
    }
  });

  it('field due dates agree with the rule for every system, and none is shown out of scope', async () => {
    const ids = world.systems.map((system) => system.id);
    const asCity = await subgraph.query<{ _entities: SystemDue[] }>(bureau, SYSTEM_DUE, representationsOf(...ids));
    expect(asCity.errors).toBeUndefined();
    asCity.data!._entities.forEach((entity, index) => {
      const dueOn = worldDueOn(world.systems[index]!);
      expect(entity.nextAssessmentDueOn).toBe(dueOn);
      expect(entity.assessmentOverdue).toBe(isAssessmentOverdue(dueOn, TODAY));
    });
    const asCounty = await subgraph.query<{ _entities: SystemDue[] }>(
      countyAuthority(BINCHENG),
      SYSTEM_DUE,
      representationsOf(showcase.id),
    );
    expect(asCounty.data!._entities[0]).toMatchObject({ nextAssessmentDueOn: null, assessmentOverdue: null, mlps: null });
  });

  it('each role sees the worklist of its scope: county its county, unit its own, provider its platform, finance none', async () => {
    const county = await walkOverdue(countyAuthority(BINCHENG), 100);
    const inCounty = overdueInWorld((system) => system.regionCode === BINCHENG);
    expect(county.totalCount).toBe(inCounty.length);
    expect(new Set(county.edges.map((edge) => edge.node.id))).toEqual(new Set(inCounty.map((system) => system.id)));

    const unit = await walkOverdue(ownerOf(showcase), 100);
    expect(unit.totalCount).toBe(overdueInWorld((system) => system.unitId === showcase.unitId).length);

    const inspur = providerByCode('P-INSPUR');
    const provider = await walkOverdue(providerPrincipal(inspur), 100);
    expect(provider.totalCount).toBe(overdueInWorld((system) => system.providerId === inspur.id).length);
    expect(provider.totalCount).toBeGreaterThan(0);

    const finance = await subgraph.query<OverduePage>(cityFinance, OVERDUE, { first: 100 });
    expect(finance.data!.mlpsOverdueSystems).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('costs the same SQL statements for a page of 2 or of 12, with due dates and levels on every node', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const statementsFor = async (first: number) => {
      counter.reset();
      const result = await subgraph.query<OverduePage>(cybersec, OVERDUE, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.mlpsOverdueSystems.edges).toHaveLength(first);
      return counter.count;
    };
    const small = await statementsFor(2);
    const large = await statementsFor(12);
    expect(large).toBe(small);
    // The page, the count, the systems' facts and their MLPS records.
    expect(small).toBeLessThanOrEqual(4);
  });

  it('rejects a malformed cursor and a page size over 100 as bad input', async () => {
    const cursor = await subgraph.query(cybersec, OVERDUE, { first: 5, after: 'not-a-cursor' });
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const size = await subgraph.query(cybersec, OVERDUE, { first: 101 });
    expect(size.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
