// MLPS through the gateway (第二十一条、第二十二条), from a freshly seeded stack: the level-3 system that
// went live on 2026-03-01 with no assessment is on the cybersecurity authority's overdue worklist
// (MLPS_6M), and grading a system above its platform's level is refused and changes nothing
// (MLPS_PLATFORM_LEVEL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MLPS_OVERDUE_SHOWCASE } from '../../seed/world/system-traits';
import { expectGatewayRuleViolation } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let cybersec: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  cybersec = await stack.token({ role: 'CYBERSEC' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const OVERDUE = `query($after: String) {
  mlpsOverdueSystems(first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { nextAssessmentDueOn daysOverdue node { id code name goLiveOn nextAssessmentDueOn assessmentOverdue mlps { level lastAssessedOn } } }
  }
}`;

interface OverdueSystem {
  id: string;
  code: string;
  name: string;
  goLiveOn: string;
  nextAssessmentDueOn: string;
  assessmentOverdue: boolean;
  mlps: { level: number; lastAssessedOn: string | null } | null;
}
interface OverdueList {
  mlpsOverdueSystems: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ nextAssessmentDueOn: string; daysOverdue: number; node: OverdueSystem }>;
  };
}

const SYSTEM_MLPS = `query($id: ID!) { system(id: $id) { id mlps { level version certificateNo gradings { totalCount } } } }`;
const ASSESS = `mutation($input: RecordMlpsAssessmentInput!) { recordMlpsAssessment(input: $input) { id mlpsRecord { nextAssessmentDueOn } } }`;
const GRADE = `mutation($input: GradeSystemMlpsInput!) { gradeSystemMlps(input: $input) { id level } }`;

describe('MLPS_6M through the gateway', () => {
  it('a level-3 system that went live on 2026-03-01 with no assessment shows as overdue', async () => {
    const result = await stack.query<OverdueList>(cybersec, OVERDUE);
    expect(result.errors).toBeUndefined();
    const list = result.data!.mlpsOverdueSystems;
    expect(list.pageInfo.hasNextPage).toBe(false);
    const edge = list.edges.find((candidate) => candidate.node.code === MLPS_OVERDUE_SHOWCASE.systemCode);
    expect(edge, 'the showcase system is on the worklist').toBeDefined();
    expect(edge).toMatchObject({
      nextAssessmentDueOn: '2026-09-01',
      daysOverdue: 86,
      node: {
        goLiveOn: '2026-03-01',
        nextAssessmentDueOn: '2026-09-01',
        assessmentOverdue: true,
        mlps: { level: 3, lastAssessedOn: null },
      },
    });
    expect(edge!.node.name).toMatch(/[\u4e00-\u9fff]/);
    expect(list.totalCount).toBe(list.edges.length);
  });

  it('the unit records the showcase’s assessment and it leaves the worklist at once (the stored due date, issue 14)', async () => {
    const before = (await stack.query<OverdueList>(cybersec, OVERDUE)).data!.mlpsOverdueSystems;
    const system = stack.world.systems.find((candidate) => candidate.code === MLPS_OVERDUE_SHOWCASE.systemCode)!;
    const unit = stack.world.units.find((candidate) => candidate.id === system.unitId)!;
    const token = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const recorded = await stack.query<{ recordMlpsAssessment: { mlpsRecord: { nextAssessmentDueOn: string } } }>(token, ASSESS, {
      input: {
        systemId: system.id,
        agencyName: '山东省网络安全等级保护测评中心',
        agencyLicenceNo: 'DJCP2010370001',
        assessedOn: '2026-11-20',
        score: 84.5,
        conclusion: 'GOOD',
        findings: { highRisk: 0, mediumRisk: 3, lowRisk: 8 },
      },
    });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordMlpsAssessment.mlpsRecord.nextAssessmentDueOn).toBe('2027-11-20');
    const after = (await stack.query<OverdueList>(cybersec, OVERDUE)).data!.mlpsOverdueSystems;
    expect(after.totalCount).toBe(before.totalCount - 1);
    expect(after.edges.map((edge) => edge.node.id)).toEqual(before.edges.map((edge) => edge.node.id).filter((id) => id !== system.id));
  });
});

describe('MLPS_PLATFORM_LEVEL through the gateway', () => {
  it('grading a system above its platform’s level is refused with both levels, and the record is unchanged', async () => {
    const platformLevel = new Map(stack.world.providers.map((provider) => [provider.id, provider.platformMlpsLevel]));
    const recordBySystem = new Map(stack.world.mlpsRecords.map((record) => [record.systemId, record]));
    const system = stack.world.systems.find(
      (candidate) => candidate.providerId && platformLevel.get(candidate.providerId) === 3 && recordBySystem.get(candidate.id)?.grade === 2,
    )!;
    const unit = stack.world.units.find((candidate) => candidate.id === system.unitId)!;
    const token = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });

    const before = await stack.query(token, SYSTEM_MLPS, { id: system.id });
    expect(before.errors).toBeUndefined();
    const refused = await stack.query(token, GRADE, {
      input: {
        systemId: system.id,
        businessSecurity: { harmedObject: 'SOCIETY', harmDegree: 'ESPECIALLY_SERIOUS' },
        serviceSecurity: { harmedObject: 'SOCIETY', harmDegree: 'SERIOUS' },
        expertReviewedOn: '2026-11-20',
        expertReviewOpinion: '经专家评审，同意定为第四级。',
      },
    });
    expectGatewayRuleViolation(refused, 'MLPS_PLATFORM_LEVEL', '第二十一条', { level: 4, platformLevel: 3 });
    expect(refused.errors![0]!.message).toMatch(/不得高于/);
    const after = await stack.query(token, SYSTEM_MLPS, { id: system.id });
    expect(after).toEqual(before);
    expect(after.data).toMatchObject({ system: { mlps: { level: 2, version: 1, gradings: { totalCount: 1 } } } });
  });
});
