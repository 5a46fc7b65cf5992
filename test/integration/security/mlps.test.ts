// MLPS grading, filing and assessments (第二十一条、第二十二条) on the seeded security subgraph:
// MLPS_PLATFORM_LEVEL refuses and changes nothing, filings and assessments move the due dates
// (MLPS_6M), and only the roles that may write do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityFinance, bureau, cybersec, providerPrincipal, userUnit, world } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import {
  OVERDUE,
  SYSTEM_DUE,
  liveSystem,
  mlpsRowsOf,
  ownerOf,
  platformLevelOf,
  recordOf,
  representationsOf,
  showcase,
  type OverduePage,
  type SystemDue,
} from './mlps-helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const RECORD_FIELDS = `id level version certificateNo filedOn filedBy gradedBy expertReviewedOn
  businessSecurity { harmedObject harmDegree level } serviceSecurity { harmedObject harmDegree level }
  nextAssessmentDueOn assessmentOverdue lastAssessedOn assessmentScore assessmentConclusion assessorName
  gradings(first: 100) { totalCount edges { node { level platformMlpsLevel gradedBy reason businessSecurity { level } serviceSecurity { level } } } }
  assessments(first: 100) { totalCount edges { node { assessedOn score conclusion findings { highRisk total } agencyLicenceNo } } }`;
const GRADE = `mutation($input: GradeSystemMlpsInput!) { gradeSystemMlps(input: $input) { ${RECORD_FIELDS} } }`;
const FILE = `mutation($input: FileMlpsRecordInput!) { fileMlpsRecord(input: $input) { ${RECORD_FIELDS} } }`;
const ASSESS = `mutation($input: RecordMlpsAssessmentInput!) {
  recordMlpsAssessment(input: $input) { id level assessedOn score conclusion recordedBy region { code } system { id } mlpsRecord { ${RECORD_FIELDS} } }
}`;

const SOCIETY_SERIOUS = { harmedObject: 'SOCIETY', harmDegree: 'SERIOUS' };
const SOCIETY_ESPECIALLY = { harmedObject: 'SOCIETY', harmDegree: 'ESPECIALLY_SERIOUS' };
const CITIZENS_GENERAL = { harmedObject: 'CITIZENS', harmDegree: 'GENERAL' };
const REVIEW = { expertReviewedOn: '2026-11-10', expertReviewOpinion: '经专家评审，同意定级。' };

/** A level-2 system on a level-3 platform: grading it to 4 breaks MLPS_PLATFORM_LEVEL. */
const onLevelThreePlatform = liveSystem((system) => platformLevelOf(system) === 3 && recordOf(system)!.grade === 2);
const levelFour = liveSystem((system) => recordOf(system)!.grade === 4 && recordOf(system)!.lastAssessedOn !== null);
const levelOne = liveSystem((system) => recordOf(system)!.grade === 1);
const notYetLive = world.systems.find((system) => !system.goLiveOn && system.providerId && !system.retiredOn && !recordOf(system))!;

function assessment(systemId: string, overrides: Record<string, unknown> = {}) {
  return {
    systemId,
    agencyName: '山东省网络安全等级保护测评中心',
    agencyLicenceNo: 'DJCP2010370001',
    assessedOn: '2026-11-20',
    score: 84.5,
    conclusion: 'GOOD',
    findings: { highRisk: 0, mediumRisk: 3, lowRisk: 8 },
    ...overrides,
  };
}

describe('MLPS_PLATFORM_LEVEL', () => {
  it('refuses to grade a system above its platform’s level, naming both levels, and changes nothing', async () => {
    const before = await mlpsRowsOf(subgraph.dataSource, onLevelThreePlatform.id);
    const result = await subgraph.query(ownerOf(onLevelThreePlatform), GRADE, {
      input: { systemId: onLevelThreePlatform.id, businessSecurity: SOCIETY_ESPECIALLY, serviceSecurity: CITIZENS_GENERAL, ...REVIEW },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'MLPS_PLATFORM_LEVEL',
      article: '第二十一条',
      level: 4,
      platformLevel: 3,
      providerId: onLevelThreePlatform.providerId,
    });
    expect(await mlpsRowsOf(subgraph.dataSource, onLevelThreePlatform.id)).toEqual(before);
  });
});

describe('MLPS grading', () => {
  it('the unit grades at the higher dimension, keeps the history, and a new level voids the filing', async () => {
    const seeded = recordOf(onLevelThreePlatform)!;
    expect(seeded.certificateNo).not.toBeNull();
    const owner = ownerOf(onLevelThreePlatform);
    const result = await subgraph.query<{ gradeSystemMlps: Record<string, unknown> }>(owner, GRADE, {
      input: {
        systemId: onLevelThreePlatform.id,
        businessSecurity: SOCIETY_SERIOUS,
        serviceSecurity: CITIZENS_GENERAL,
        ...REVIEW,
        reason: '业务范围扩大',
        version: 1,
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.gradeSystemMlps).toMatchObject({
      level: 3,
      version: 2,
      certificateNo: null,
      filedOn: null,
      gradedBy: owner.subject,
      expertReviewedOn: '2026-11-10',
      businessSecurity: { harmedObject: 'SOCIETY', harmDegree: 'SERIOUS', level: 3 },
      serviceSecurity: { harmedObject: 'CITIZENS', harmDegree: 'GENERAL', level: 1 },
      gradings: { totalCount: 2 },
    });
    const gradings = (result.data!.gradeSystemMlps.gradings as { edges: Array<{ node: unknown }> }).edges.map((edge) => edge.node);
    expect(gradings[1]).toMatchObject({ level: 3, platformMlpsLevel: 3, gradedBy: owner.subject, reason: '业务范围扩大' });
  });

  it('a stale version is a CONFLICT and changes nothing', async () => {
    const before = await mlpsRowsOf(subgraph.dataSource, onLevelThreePlatform.id);
    const result = await subgraph.query(ownerOf(onLevelThreePlatform), GRADE, {
      input: {
        systemId: onLevelThreePlatform.id,
        businessSecurity: SOCIETY_SERIOUS,
        serviceSecurity: SOCIETY_SERIOUS,
        ...REVIEW,
        version: 1,
      },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await mlpsRowsOf(subgraph.dataSource, onLevelThreePlatform.id)).toEqual(before);
  });

  it('grades a system not yet live for the first time; nothing is due until it goes live', async () => {
    const result = await subgraph.query<{ gradeSystemMlps: Record<string, unknown> }>(ownerOf(notYetLive), GRADE, {
      input: { systemId: notYetLive.id, businessSecurity: SOCIETY_SERIOUS, serviceSecurity: SOCIETY_SERIOUS, ...REVIEW },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.gradeSystemMlps).toMatchObject({ level: 3, version: 1, nextAssessmentDueOn: null, assessmentOverdue: false });
  });

  it('only the owning unit grades: other roles are FORBIDDEN, another unit NOT_FOUND, missing review bad input, all changing nothing', async () => {
    const input = { systemId: levelOne.id, businessSecurity: SOCIETY_SERIOUS, serviceSecurity: CITIZENS_GENERAL, ...REVIEW };
    const before = await mlpsRowsOf(subgraph.dataSource, levelOne.id);
    const otherUnit = userUnit(world.units.find((unit) => unit.id !== levelOne.unitId)!);
    const provider = providerPrincipal(world.providers.find((candidate) => candidate.id === levelOne.providerId)!);
    for (const principal of [bureau, cybersec, provider, cityFinance]) {
      const result = await subgraph.query(principal, GRADE, { input });
      expect(result.errors?.[0]?.extensions?.code, principal.role).toBe('FORBIDDEN');
    }
    // Another unit's system is answered like a missing one.
    expect((await subgraph.query(otherUnit, GRADE, { input })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const noReview = await subgraph.query(ownerOf(levelOne), GRADE, { input: { ...input, expertReviewedOn: null } });
    expect(noReview.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expertReviewedOn' });
    expect(await mlpsRowsOf(subgraph.dataSource, levelOne.id)).toEqual(before);
  });
});

describe('MLPS filing (公安机关备案)', () => {
  it('records the certificate after a regrading; a level-1 system and a date before the review are refused', async () => {
    const owner = ownerOf(onLevelThreePlatform);
    const early = await subgraph.query(owner, FILE, {
      input: { systemId: onLevelThreePlatform.id, certificateNo: '37160099001-26901', filedOn: '2026-11-01' },
    });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filedOn' });
    const filed = await subgraph.query<{ fileMlpsRecord: Record<string, unknown> }>(cybersec, FILE, {
      input: { systemId: onLevelThreePlatform.id, certificateNo: '37160099001-26901', filedOn: '2026-11-20', version: 2 },
    });
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileMlpsRecord).toMatchObject({
      certificateNo: '37160099001-26901',
      filedOn: '2026-11-20',
      filedBy: cybersec.subject,
      version: 3,
    });

    const one = await subgraph.query(ownerOf(levelOne), FILE, {
      input: { systemId: levelOne.id, certificateNo: 'X-1', filedOn: '2026-11-20' },
    });
    expect(one.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'systemId' });
    const byBureau = await subgraph.query(bureau, FILE, { input: { systemId: levelOne.id, certificateNo: 'X-1', filedOn: '2026-11-20' } });
    expect(byBureau.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('MLPS_6M', () => {
  it('an assessment of the overdue level-3 system moves its next due date a year on and takes it off the worklist', async () => {
    const listBefore = await subgraph.query<OverduePage>(cybersec, OVERDUE, { first: 100 });
    const countBefore = listBefore.data!.mlpsOverdueSystems.totalCount;
    expect(listBefore.data!.mlpsOverdueSystems.edges.map((edge) => edge.node.id)).toContain(showcase.id);

    const owner = ownerOf(showcase);
    const result = await subgraph.query<{ recordMlpsAssessment: { mlpsRecord: Record<string, unknown> } & Record<string, unknown> }>(
      owner,
      ASSESS,
      { input: assessment(showcase.id) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordMlpsAssessment).toMatchObject({
      level: 3,
      assessedOn: '2026-11-20',
      recordedBy: owner.subject,
      system: { id: showcase.id },
    });
    expect(result.data!.recordMlpsAssessment.mlpsRecord).toMatchObject({
      lastAssessedOn: '2026-11-20',
      assessmentScore: 84.5,
      assessmentConclusion: 'GOOD',
      nextAssessmentDueOn: '2027-11-20',
      assessmentOverdue: false,
      assessments: { totalCount: 1 },
    });

    const listAfter = await subgraph.query<OverduePage>(cybersec, OVERDUE, { first: 100 });
    expect(listAfter.data!.mlpsOverdueSystems.totalCount).toBe(countBefore - 1);
    expect(listAfter.data!.mlpsOverdueSystems.edges.map((edge) => edge.node.id)).not.toContain(showcase.id);
  });

  it('keeps every assessment, an older one recorded late does not replace the latest, and a repeat is a CONFLICT', async () => {
    const older = await subgraph.query<{ recordMlpsAssessment: { mlpsRecord: Record<string, unknown> } }>(cybersec, ASSESS, {
      input: assessment(showcase.id, {
        assessedOn: '2026-10-09',
        agencyLicenceNo: 'DJCP2018370127',
        agencyName: '山东新潮信息技术有限公司',
        score: 65,
        conclusion: 'POOR',
      }),
    });
    expect(older.errors).toBeUndefined();
    expect(older.data!.recordMlpsAssessment.mlpsRecord).toMatchObject({
      lastAssessedOn: '2026-11-20',
      assessmentConclusion: 'GOOD',
      nextAssessmentDueOn: '2027-11-20',
      assessments: { totalCount: 2 },
    });
    const before = await mlpsRowsOf(subgraph.dataSource, showcase.id);
    const repeat = await subgraph.query(ownerOf(showcase), ASSESS, { input: assessment(showcase.id) });
    expect(repeat.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await mlpsRowsOf(subgraph.dataSource, showcase.id)).toEqual(before);
  });

  it('a level-4 system is next due six months after its assessment', async () => {
    const result = await subgraph.query<{ recordMlpsAssessment: { mlpsRecord: Record<string, unknown> } }>(ownerOf(levelFour), ASSESS, {
      input: assessment(levelFour.id, { assessedOn: '2026-11-25', score: 91, conclusion: 'EXCELLENT' }),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordMlpsAssessment.mlpsRecord).toMatchObject({
      level: 4,
      nextAssessmentDueOn: '2027-05-25',
      assessmentOverdue: false,
    });
    const seen = await subgraph.query<{ _entities: SystemDue[] }>(bureau, SYSTEM_DUE, representationsOf(levelFour.id));
    expect(seen.data!._entities[0]).toMatchObject({ nextAssessmentDueOn: '2027-05-25', assessmentOverdue: false });
  });

  it('only the owning unit and the cybersecurity authority record assessments; bad input changes nothing', async () => {
    const before = await mlpsRowsOf(subgraph.dataSource, levelOne.id);
    const provider = providerPrincipal(world.providers.find((candidate) => candidate.id === levelOne.providerId)!);
    const otherUnit = userUnit(world.units.find((unit) => unit.id !== levelOne.unitId)!);
    for (const principal of [bureau, provider, cityFinance]) {
      const result = await subgraph.query(principal, ASSESS, { input: assessment(levelOne.id) });
      expect(result.errors?.[0]?.extensions?.code, principal.role).toBe('FORBIDDEN');
    }
    const byOtherUnit = await subgraph.query(otherUnit, ASSESS, { input: assessment(levelOne.id) });
    expect(byOtherUnit.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const mismatch = await subgraph.query(ownerOf(levelOne), ASSESS, { input: assessment(levelOne.id, { conclusion: 'EXCELLENT' }) });
    expect(mismatch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'conclusion' });
    const ungraded = world.systems.find((system) => !recordOf(system) && system.id !== notYetLive.id)!;
    const refused = await subgraph.query(ownerOf(ungraded), ASSESS, { input: assessment(ungraded.id) });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'systemId' });
    expect(await mlpsRowsOf(subgraph.dataSource, ungraded.id)).toEqual([[], [], []]);
    expect(await mlpsRowsOf(subgraph.dataSource, levelOne.id)).toEqual(before);
  });
});
