// UNIT_PERFORMANCE (第二十六条) against real PostgreSQL, with the real security subgraph beside
// supervision: the seeded 2025 result, the bureau's run, adjustment and publication, who sees what
// before and after, immutability, fail safety when security is down, and constant statement counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { stableId } from '../../../subgraphs/kit/stable-id';
import { scoreUnit } from '../../../subgraphs/supervision/unit-performance/unit-performance.rules';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import {
  BINCHENG,
  bureau,
  cityFinance,
  countyAuthority,
  cybersec,
  providerPrincipal,
  unitWithSystems,
  userUnit,
  world,
} from '../../setup/principals';
import { postGraphQL, TEST_INTERNAL_SECRET } from '../../setup/subgraph';
import { startSubgraphs, type RunningSubgraphs } from '../../setup/subgraphs';

let database: TestDatabase;
let running: RunningSubgraphs;
let supervision: DataSource;
let security: DataSource;

const center: Principal = { subject: 'test-center', role: Role.CENTER };
const auditor: Principal = { subject: 'test-auditor', role: Role.AUDITOR };
const cityUnit = userUnit(unitWithSystems('371600', 2));
const countyUnit = userUnit(unitWithSystems(BINCHENG, 1));
const provider = providerPrincipal(world.providers[0]!);

beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
  running = await startSubgraphs(database, ['security', 'supervision', 'applications'], {
    internalTokenSecret: TEST_INTERNAL_SECRET,
    seed: true,
  });
  supervision = running.dataSources.supervision!;
  security = running.dataSources.security!;
}, 120_000);

afterAll(async () => {
  await running?.stop();
  await database?.drop();
});

const ask = <T = Record<string, unknown>>(principal: Principal, query: string, variables?: Record<string, unknown>) =>
  postGraphQL<T>(running.urls.supervision, principal, query, variables);

const FIGURES = `liveSystems mlpsOverdueSystems openRectifications overdueRectifications accessViolations incidents seriousIncidents`;
const RESULT = `id year status unit { id } unitCode region { code } totalScore grade computedTotalScore computedGrade resourceUseScore securityScore mlpsScore
  publishedAt adjustment { reason adjustedBy }
  resourceUse { systems evaluatedSystems systemDays idleDays underUsedDays } securityFigures { ${FIGURES} }`;
const LIST = `query($year: Int!, $after: String) { unitPerformanceEvaluation(year: $year) { id status unitCount referenceDate publishedAt }
  unitPerformanceResults(year: $year, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${RESULT} } } } }`;
const RUN = `mutation($year: Int!) { runUnitPerformanceEvaluation(year: $year) { id year status unitCount referenceDate } }`;
const PUBLISH = `mutation($year: Int!) { publishUnitPerformanceEvaluation(year: $year) { id status publishedAt } }`;
const ADJUST = `mutation($input: AdjustUnitPerformanceResultInput!) { adjustUnitPerformanceResult(input: $input) { ${RESULT} } }`;
const ONE = `query($id: ID!) { unitPerformanceResult(id: $id) { id unit { id } totalScore grade status } }`;

type Figures = Record<
  | 'liveSystems'
  | 'mlpsOverdueSystems'
  | 'openRectifications'
  | 'overdueRectifications'
  | 'accessViolations'
  | 'incidents'
  | 'seriousIncidents',
  number
>;
interface Result {
  id: string;
  year: number;
  status: string;
  /** null where the reader may not see the unit's record (another unit's or county's); unitCode names it. */
  unit: { id: string } | null;
  unitCode: string;
  region: { code: string };
  totalScore: number;
  grade: string;
  computedTotalScore: number;
  computedGrade: string;
  resourceUseScore: number | null;
  securityScore: number;
  mlpsScore: number;
  publishedAt: string | null;
  adjustment: { reason: string; adjustedBy: string } | null;
  resourceUse: { systems: number; evaluatedSystems: number; systemDays: number; idleDays: number; underUsedDays: number };
  securityFigures: Figures;
}
interface Listing {
  unitPerformanceEvaluation: { id: string; status: string; unitCount: number; referenceDate: string; publishedAt: string | null } | null;
  unitPerformanceResults: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: Result }>;
  };
}

/** Every visible result of a year, all pages. */
async function resultsOf(principal: Principal, year: number): Promise<{ listing: Listing; results: Result[] }> {
  const results: Result[] = [];
  let after: string | null = null;
  let listing: Listing;
  do {
    const answer = await ask<Listing>(principal, LIST, { year, after });
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    listing = answer.data!;
    results.push(...listing.unitPerformanceResults.edges.map((edge) => edge.node));
    after = listing.unitPerformanceResults.pageInfo.hasNextPage ? listing.unitPerformanceResults.pageInfo.endCursor : null;
  } while (after);
  return { listing, results };
}

async function storedRows(year: number): Promise<unknown[]> {
  return supervision.query(`SELECT * FROM "supervision"."unit_performance_result" WHERE year = $1 ORDER BY unit_id`, [year]);
}

/** Units with a system in service at some time between 1 January and the reference day, per the replica. */
async function unitsInService(from: string, to: string): Promise<number> {
  const [row] = await supervision.query(
    `SELECT count(DISTINCT unit_id)::int AS n FROM "supervision"."system_fact"
      WHERE go_live_on IS NOT NULL AND go_live_on <= $2 AND (retired_on IS NULL OR retired_on >= $1)`,
    [from, to],
  );
  return row.n;
}

describe('UNIT_PERFORMANCE', () => {
  it('the seeded 2025 result is published, scored by the rule, and every unit reads every unit’s result', async () => {
    const { listing, results } = await resultsOf(countyUnit, 2025);
    expect(listing.unitPerformanceEvaluation).toMatchObject({ status: 'PUBLISHED', referenceDate: '2025-12-31' });
    expect(results).toHaveLength(await unitsInService('2025-01-01', '2025-12-31'));
    expect(listing.unitPerformanceEvaluation!.unitCount).toBe(results.length);
    expect(new Set(results.map((result) => result.unitCode)).size).toBe(results.length);
    // Every unit's result, but of the Unit records only its own: the others' `unit` is null (unitCode names them).
    expect(results.every((result) => result.unit === null || result.unit.id === countyUnit.unitId)).toBe(true);
    expect(results.filter((result) => result.unit === null).length).toBeGreaterThan(results.length - 2);
    for (const result of results) {
      const scores = scoreUnit(result.resourceUse, result.securityFigures);
      expect(result).toMatchObject({
        status: 'PUBLISHED',
        totalScore: scores.totalScore,
        grade: scores.grade,
        computedGrade: scores.grade,
      });
    }
    const totals = results.map((result) => result.totalScore);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('the seeded 2025 security figures are what the security subgraph answers for 2025', async () => {
    const { results } = await resultsOf(bureau, 2025);
    const answer = await postGraphQL<{ unitSecuritySummaries: Array<Figures & { unit: { id: string } }> }>(
      running.urls.security,
      bureau,
      `query($unitIds: [ID!]!) { unitSecuritySummaries(unitIds: $unitIds, year: 2025) { unit { id } ${FIGURES} } }`,
      { unitIds: results.map((result) => result.unit!.id) },
    );
    expect(answer.errors).toBeUndefined();
    const live = new Map(answer.data!.unitSecuritySummaries.map(({ unit, ...figures }) => [unit.id, figures]));
    for (const result of results) expect(result.securityFigures, result.unitCode).toEqual(live.get(result.unit!.id));
    expect(results.some((result) => result.securityFigures.mlpsOverdueSystems > 0)).toBe(true);
  });

  it('only the bureau runs an evaluation; a refused run writes nothing', async () => {
    for (const principal of [center, cityUnit, cybersec, auditor]) {
      const answer = await ask(principal, RUN, { year: 2026 });
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await supervision.query(`SELECT 1 FROM "supervision"."unit_performance_evaluation" WHERE year = 2026`)).toEqual([]);
    const badYear = await ask(bureau, RUN, { year: 2027 });
    expect(badYear.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('the bureau’s run scores every unit in service; drafts are seen by bureau, centre and auditor only', async () => {
    const run = await ask<{ runUnitPerformanceEvaluation: { status: string; unitCount: number; referenceDate: string } }>(bureau, RUN, {
      year: 2026,
    });
    expect(run.errors).toBeUndefined();
    expect(run.data!.runUnitPerformanceEvaluation).toMatchObject({
      status: 'DRAFT',
      referenceDate: '2026-11-26',
      unitCount: await unitsInService('2026-01-01', '2026-11-26'),
    });
    for (const reader of [bureau, center, auditor]) {
      const { results } = await resultsOf(reader, 2026);
      expect(results).toHaveLength(run.data!.runUnitPerformanceEvaluation.unitCount);
      expect(results.every((result) => result.status === 'DRAFT' && result.publishedAt === null)).toBe(true);
    }
    const { results } = await resultsOf(bureau, 2026);
    // The seeded month of roll-ups is in 2026, so resource use is scored for the monitored units.
    expect(results.some((result) => result.resourceUse.systemDays > 0 && result.resourceUseScore !== null)).toBe(true);
    expect(results.some((result) => result.securityFigures.openRectifications > 0)).toBe(true);
    for (const outsider of [cityUnit, countyUnit, countyAuthority(BINCHENG), cybersec, cityFinance, provider]) {
      const { listing, results: seen } = await resultsOf(outsider, 2026);
      expect(listing.unitPerformanceEvaluation).toBeNull();
      expect(seen).toEqual([]);
      const lookup = await ask(outsider, ONE, { id: results[0]!.id });
      expect(lookup).toEqual(await ask(outsider, ONE, { id: '00000000-0000-4000-8000-000000000000' }));
      expect(lookup.errors).toBeUndefined();
    }
  });

  it('disaster-recovery and standby systems are counted but their days are not scored', async () => {
    const [monitored] = await supervision.query(
      `SELECT d.system_id::text AS "systemId", d.unit_id::text AS "unitId", count(*)::int AS days
         FROM "supervision"."monitoring_daily" d JOIN "supervision"."system_fact" f ON f.system_id = d.system_id
        WHERE d.day BETWEEN '2026-01-01' AND '2026-11-26' AND NOT (f.is_disaster_recovery OR f.is_standby)
        GROUP BY d.system_id, d.unit_id ORDER BY d.system_id LIMIT 1`,
    );
    const before = (await resultsOf(bureau, 2026)).results.find((result) => result.unit!.id === monitored.unitId)!;
    await supervision.query(`UPDATE "supervision"."system_fact" SET is_standby = true WHERE system_id = $1`, [monitored.systemId]);
    try {
      expect((await ask(bureau, RUN, { year: 2026 })).errors).toBeUndefined();
      const after = (await resultsOf(bureau, 2026)).results.find((result) => result.unit!.id === monitored.unitId)!;
      expect(after.resourceUse).toMatchObject({
        systems: before.resourceUse.systems,
        evaluatedSystems: before.resourceUse.evaluatedSystems - 1,
        systemDays: before.resourceUse.systemDays - monitored.days,
      });
    } finally {
      await supervision.query(`UPDATE "supervision"."system_fact" SET is_standby = false WHERE system_id = $1`, [monitored.systemId]);
      expect((await ask(bureau, RUN, { year: 2026 })).errors).toBeUndefined();
    }
  });

  it('a run costs the same statements for 78 units as for 98 (supervision, security and applications alike)', async () => {
    const measure = async () => {
      const counters = [sqlCounterOf(supervision), sqlCounterOf(security)];
      counters.forEach((counter) => counter.reset());
      const run = await ask<{ runUnitPerformanceEvaluation: { unitCount: number } }>(bureau, RUN, { year: 2026 });
      expect(run.errors).toBeUndefined();
      return { units: run.data!.runUnitPerformanceEvaluation.unitCount, statements: counters.map((counter) => counter.count) };
    };
    const small = await measure();
    const extra = Array.from({ length: 20 }, (_, i) => stableId('test.unit-performance.system', String(i)));
    await supervision.query(
      `INSERT INTO "supervision"."system_fact" (system_id, code, name, unit_id, region_code, provider_id, deployment_mode, go_live_on,
         retired_on, is_disaster_recovery, is_standby, revision, updated_at)
       SELECT id, 'SYS-TEST-' || n, '测试系统 ' || n, id, '371602', NULL, 'ON_CLOUD', DATE '2026-02-01', NULL, false, false, 1, now()
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [extra],
    );
    // The run keeps each unit's published name, asked of the applications subgraph: the extra units exist there too.
    await supervision.query(
      `INSERT INTO "applications"."unit" (id, code, name, region_code, unified_social_credit_code, contact_name, contact_phone)
       SELECT id, 'U-TEST-' || n, '测试单位 ' || n, '371602', lpad(n::text, 18, '9'), '测试', '0543-0000000'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [extra],
    );
    try {
      const large = await measure();
      expect(large.units).toBe(small.units + 20);
      expect(large.statements).toEqual(small.statements);
      console.log(
        `[UNIT_PERFORMANCE] run: ${small.units} units → ${small.statements.join(' + ')} statements (supervision + security); ${large.units} units → ${large.statements.join(' + ')}`,
      );
    } finally {
      await supervision.query(`DELETE FROM "supervision"."system_fact" WHERE system_id = ANY($1::uuid[])`, [extra]);
      await supervision.query(`DELETE FROM "applications"."unit" WHERE id = ANY($1::uuid[])`, [extra]);
      expect((await ask(bureau, RUN, { year: 2026 })).errors).toBeUndefined();
    }
  });

  it('the bureau adjusts a draft with a reason; the computed score stays; bad input changes nothing', async () => {
    const { results } = await resultsOf(bureau, 2026);
    const target = results.find((result) => result.grade !== 'EXCELLENT') ?? results.at(-1)!;
    const before = await storedRows(2026);
    const refusals = [
      { principal: cityUnit, input: { resultId: target.id, totalScore: 95, reason: '自评' }, code: 'FORBIDDEN' },
      { principal: bureau, input: { resultId: target.id, totalScore: 95, reason: ' ' }, code: 'BAD_USER_INPUT' },
      { principal: bureau, input: { resultId: target.id, totalScore: 95, grade: 'POOR', reason: '不符' }, code: 'BAD_USER_INPUT' },
      { principal: bureau, input: { resultId: stableId('test', 'none'), grade: 'GOOD', reason: '无此结果' }, code: 'NOT_FOUND' },
    ];
    for (const { principal, input, code } of refusals) {
      expect((await ask(principal, ADJUST, { input })).errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe(code);
    }
    expect(await storedRows(2026)).toEqual(before);
    const adjusted = await ask<{ adjustUnitPerformanceResult: Result }>(bureau, ADJUST, {
      input: { resultId: target.id, totalScore: 95, reason: '系统迁移期间的闲置经核实属实，予以调整' },
    });
    expect(adjusted.errors).toBeUndefined();
    expect(adjusted.data!.adjustUnitPerformanceResult).toMatchObject({
      totalScore: 95,
      grade: 'EXCELLENT',
      computedTotalScore: target.computedTotalScore,
      computedGrade: target.computedGrade,
      adjustment: { reason: '系统迁移期间的闲置经核实属实，予以调整', adjustedBy: bureau.subject },
    });
  });

  it('publication: every unit, county and city role reads every unit’s result, and nothing changes it any more', async () => {
    // Not while the year runs, nor from a draft whose figures stop before 31 December (第二十六条 按年度通报).
    const early = await ask(bureau, PUBLISH, { year: 2026 });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'UNIT_PERFORMANCE', year: 2026 });
    const saved = process.env.GOVCLOUD_TODAY;
    process.env.GOVCLOUD_TODAY = '2027-01-04';
    let published;
    try {
      const stale = await ask(bureau, PUBLISH, { year: 2026 });
      expect(stale.errors?.[0]?.extensions).toMatchObject({ rule: 'UNIT_PERFORMANCE', referenceDate: '2026-11-26' });
      expect((await ask(bureau, RUN, { year: 2026 })).errors).toBeUndefined();
      published = await ask<{ publishUnitPerformanceEvaluation: { status: string; publishedAt: string } }>(bureau, PUBLISH, { year: 2026 });
    } finally {
      if (saved === undefined) delete process.env.GOVCLOUD_TODAY;
      else process.env.GOVCLOUD_TODAY = saved;
    }
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishUnitPerformanceEvaluation.status).toBe('PUBLISHED');
    const { results } = await resultsOf(bureau, 2026);
    // A unit of another county: its result reaches every reader, its Unit record only the city-wide ones.
    const other = results.find((result) => ![BINCHENG, '371600'].includes(result.region.code))!;
    const readers: Array<[Principal, boolean]> = [
      [cityUnit, false],
      [countyUnit, false],
      [countyAuthority(BINCHENG), false],
      [cybersec, true],
      [cityFinance, true],
    ];
    for (const [reader, seesUnit] of readers) {
      const seen = await resultsOf(reader, 2026);
      expect(seen.listing.unitPerformanceEvaluation?.status).toBe('PUBLISHED');
      expect(seen.results.map((result) => result.id)).toEqual(results.map((result) => result.id));
      const lookup = await ask<{ unitPerformanceResult: { unit: { id: string } | null; status: string } }>(reader, ONE, { id: other.id });
      expect(lookup.data!.unitPerformanceResult).toMatchObject({ unit: seesUnit ? { id: other.unit!.id } : null, status: 'PUBLISHED' });
    }
    expect((await resultsOf(provider, 2026)).results).toEqual([]);

    const before = await storedRows(2026);
    for (const answer of [
      await ask(bureau, ADJUST, { input: { resultId: results[0]!.id, grade: 'POOR', reason: '发布后再改' } }),
      await ask(bureau, RUN, { year: 2026 }),
      await ask(bureau, PUBLISH, { year: 2026 }),
    ]) {
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'UNIT_PERFORMANCE', article: '第二十六条' });
    }
    await expect(supervision.query(`UPDATE "supervision"."unit_performance_result" SET grade = 'POOR' WHERE year = 2026`)).rejects.toThrow(
      /never changes/,
    );
    await expect(supervision.query(`DELETE FROM "supervision"."unit_performance_evaluation" WHERE year = 2026`)).rejects.toThrow(
      /never changes/,
    );
    expect(await storedRows(2026)).toEqual(before);
  });

  it('publishing a year never run is NOT_FOUND', async () => {
    expect((await ask(bureau, PUBLISH, { year: 2020 })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('with the security subgraph down a run is SERVICE_UNAVAILABLE and writes nothing', async () => {
    expect((await ask(bureau, RUN, { year: 2024 })).errors).toBeUndefined();
    const draft2024 = await storedRows(2024);
    await running.stopSubgraph('security');
    try {
      for (const year of [2023, 2024]) {
        const answer = await ask(bureau, RUN, { year });
        expect(answer.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      }
      expect(await supervision.query(`SELECT 1 FROM "supervision"."unit_performance_evaluation" WHERE year = 2023`)).toEqual([]);
      expect(await storedRows(2024)).toEqual(draft2024);
    } finally {
      await running.startSubgraph('security');
    }
    expect((await ask(bureau, RUN, { year: 2023 })).errors).toBeUndefined();
  });
});
