// UNIT_PERFORMANCE (第二十六条) counts a unit's existing systems still off the cloud (ON_CLOUD, 第三条):
// supervision asks applications once per run (offCloudUnitSummaries), deducts the local-choice points
// from the weighted total, evaluates a unit with nothing on the cloud yet, and refuses to run on a
// silent zero when applications does not answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { offCloudSystemsOf } from '../../../subgraphs/applications/off-cloud/off-cloud.seed';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { OFF_CLOUD_DEDUCTIONS, scoreUnit } from '../../../subgraphs/supervision/unit-performance/unit-performance.rules';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { BINCHENG, bureau, world } from '../../setup/principals';
import { postGraphQL, TEST_INTERNAL_SECRET } from '../../setup/subgraph';
import { startSubgraphs, type RunningSubgraphs } from '../../setup/subgraphs';

let database: TestDatabase;
let running: RunningSubgraphs;
let supervision: DataSource;

const center: Principal = { subject: 'test-center', role: Role.CENTER };

beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
  running = await startSubgraphs(database, ['security', 'supervision', 'applications'], {
    internalTokenSecret: TEST_INTERNAL_SECRET,
    seed: true,
  });
  supervision = running.dataSources.supervision!;
}, 120_000);

afterAll(async () => {
  await running?.stop();
  await database?.drop();
});

const RUN = `mutation($year: Int!) { runUnitPerformanceEvaluation(year: $year) { id unitCount } }`;
const RESULTS = `query($year: Int!, $after: String) { unitPerformanceResults(year: $year, first: 100, after: $after) {
  pageInfo { hasNextPage endCursor }
  edges { node { unit { id } totalScore computedTotalScore grade
    resourceUse { systems evaluatedSystems systemDays idleDays underUsedDays }
    securityFigures { liveSystems mlpsOverdueSystems openRectifications overdueRectifications accessViolations incidents seriousIncidents }
    offCloud { offCloudSystems overdueSystems deduction } } } } }`;

interface Result {
  unit: { id: string };
  totalScore: number;
  computedTotalScore: number;
  resourceUse: { systems: number; evaluatedSystems: number; systemDays: number; idleDays: number; underUsedDays: number };
  securityFigures: Parameters<typeof scoreUnit>[1];
  offCloud: { offCloudSystems: number; overdueSystems: number; deduction: number };
}

type Page = { unitPerformanceResults: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: Result }> } };

async function results(year: number): Promise<Map<string, Result>> {
  const all: Result[] = [];
  let after: string | null = null;
  do {
    const answer: Awaited<ReturnType<typeof postGraphQL<Page>>> = await postGraphQL<Page>(running.urls.supervision, bureau, RESULTS, {
      year,
      after,
    });
    expect(answer.errors).toBeUndefined();
    const page = answer.data!.unitPerformanceResults;
    all.push(...page.edges.map((edge) => edge.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return new Map(all.map((result) => [result.unit.id, result]));
}

const run = (year: number) =>
  postGraphQL<{ runUnitPerformanceEvaluation: { unitCount: number } }>(running.urls.supervision, bureau, RUN, { year });

describe('UNIT_PERFORMANCE counts systems still off the cloud (ON_CLOUD)', () => {
  const seeded = offCloudSystemsOf(world);
  const overdue = seeded.find((row) => row.regionCode === BINCHENG)!;
  const exempt = seeded.find((row) => row.status === 'EXEMPT')!;

  it('deducts for a unit’s overdue system off the cloud, and not for an exempt one', async () => {
    expect((await run(2026)).errors).toBeUndefined();
    const scored = await results(2026);
    const unit = scored.get(overdue.unitId)!;
    const d = OFF_CLOUD_DEDUCTIONS;
    expect(unit.offCloud).toEqual({ offCloudSystems: 1, overdueSystems: 1, deduction: d.offCloudSystem + d.overdueSystem });
    const scores = scoreUnit(unit.resourceUse, unit.securityFigures, { offCloudSystems: 1, overdueOffCloudSystems: 1 });
    expect(unit.computedTotalScore).toBe(scores.totalScore);
    expect(scoreUnit(unit.resourceUse, unit.securityFigures).totalScore - unit.computedTotalScore).toBeCloseTo(
      d.offCloudSystem + d.overdueSystem,
      2,
    );
    expect(scored.get(exempt.unitId)!.offCloud).toEqual({ offCloudSystems: 0, overdueSystems: 0, deduction: 0 });
    // Registered in 2026: the published 2025 results carry nothing for them.
    expect([...(await results(2025)).values()].every((result) => result.offCloud.deduction === 0)).toBe(true);
  });

  it('evaluates a unit with nothing on the cloud yet once it has a system registered off the cloud', async () => {
    const inService = new Set(world.systems.filter((system) => system.goLiveOn && system.goLiveOn <= '2026-11-26').map((s) => s.unitId));
    const bare = world.units.find((unit) => !inService.has(unit.id))!;
    const before = (await run(2026)).data!.runUnitPerformanceEvaluation.unitCount;
    expect((await results(2026)).has(bare.id)).toBe(false);

    const registered = await postGraphQL(
      running.urls.applications,
      center,
      `mutation($input: RegisterOffCloudSystemInput!) { registerOffCloudSystem(input: $input) { id } }`,
      { input: { unitId: bare.id, name: '自建门户网站', description: '单位门户', currentLocation: '本单位机房', targetOn: '2027-05-31' } },
    );
    expect(registered.errors).toBeUndefined();
    const after = await run(2026);
    expect(after.errors).toBeUndefined();
    expect(after.data!.runUnitPerformanceEvaluation.unitCount).toBe(before + 1);
    expect((await results(2026)).get(bare.id)).toMatchObject({
      resourceUse: { systems: 0, systemDays: 0 },
      offCloud: { offCloudSystems: 1, overdueSystems: 0, deduction: OFF_CLOUD_DEDUCTIONS.offCloudSystem },
      totalScore: 100 - OFF_CLOUD_DEDUCTIONS.offCloudSystem,
    });
  });

  it('with the applications subgraph down a run is SERVICE_UNAVAILABLE and writes nothing', async () => {
    const before = await supervision.query(`SELECT * FROM "supervision"."unit_performance_result" WHERE year = 2026 ORDER BY unit_id`);
    await running.stopSubgraph('applications');
    try {
      expect((await run(2026)).errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await running.startSubgraph('applications');
    }
    expect(await supervision.query(`SELECT * FROM "supervision"."unit_performance_result" WHERE year = 2026 ORDER BY unit_id`)).toEqual(
      before,
    );
  });
});
