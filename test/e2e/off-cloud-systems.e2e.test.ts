// ON_CLOUD (第三条) through the gateway, from a freshly seeded stack: a county unit registers an
// existing system still off the cloud; `offCloudSystems` lists it for the bureau and its county, not
// another county; an exemption citing nothing is refused with the rule; the bureau decides a claim;
// and the unit's annual performance evaluation (第二十六条) counts what is still off the cloud.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFF_CLOUD_DEDUCTIONS } from '../../subgraphs/supervision/unit-performance/unit-performance.rules';
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

const BINCHENG = '371602';
const YANGXIN = '371622';
const REGISTER = `mutation($input: RegisterOffCloudSystemInput!) {
  registerOffCloudSystem(input: $input) { id status version overdue migrationTargetOn unit { id } region { code } } }`;
const LIST = `query($filter: OffCloudSystemFilter) {
  offCloudSystems(first: 100, filter: $filter) { totalCount edges { node { id name status overdue region { code } unit { id } } } } }`;
const CLAIM = `mutation($id: ID!, $version: Int!, $legalBasis: String!) {
  claimOffCloudExemption(id: $id, version: $version, legalBasis: $legalBasis) { status version exemption { legalBasis decision } } }`;
const DECIDE = `mutation($id: ID!, $version: Int!, $accept: Boolean!, $reason: String) {
  decideOffCloudExemption(id: $id, version: $version, accept: $accept, reason: $reason) { status version exemption { decision reason } } }`;

interface Listed {
  offCloudSystems: {
    totalCount: number;
    edges: Array<{ node: { id: string; status: string; overdue: boolean; region: { code: string } } }>;
  };
}

const idsOf = (listed: Listed) => listed.offCloudSystems.edges.map((edge) => edge.node.id);

describe('ON_CLOUD: systems still off the cloud, through the gateway', () => {
  let registeredId = '';
  let unitId = '';

  it('offCloudSystems lists a registered off-cloud system for the bureau and its county, not another county', async () => {
    const unit = stack.world.units.find(
      (candidate) =>
        candidate.regionCode === BINCHENG && stack.world.systems.some((system) => system.unitId === candidate.id && system.goLiveOn),
    )!;
    unitId = unit.id;
    const asUnit = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const registered = await stack.query<{ registerOffCloudSystem: { id: string; status: string; region: { code: string } } }>(
      asUnit,
      REGISTER,
      {
        input: { name: '不动产登记前置库', description: '2015 年自建的前置数据库', currentLocation: '本单位机房', targetOn: '2027-03-31' },
      },
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.registerOffCloudSystem).toMatchObject({ status: 'PLANNED', region: { code: BINCHENG } });
    registeredId = registered.data!.registerOffCloudSystem.id;

    const forBureau = await stack.query<Listed>(bureau, LIST, { filter: { regionCode: BINCHENG } });
    expect(forBureau.errors).toBeUndefined();
    expect(idsOf(forBureau.data!)).toContain(registeredId);

    const county = await stack.token({ role: 'COUNTY_AUTHORITY', region: BINCHENG });
    const forCounty = await stack.query<Listed>(county, LIST);
    expect(forCounty.errors).toBeUndefined();
    expect(idsOf(forCounty.data!)).toContain(registeredId);
    expect(forCounty.data!.offCloudSystems.edges.every((edge) => edge.node.region.code === BINCHENG)).toBe(true);

    const otherCounty = await stack.token({ role: 'COUNTY_AUTHORITY', region: YANGXIN });
    const forOther = await stack.query<Listed>(otherCounty, LIST);
    expect(forOther.errors).toBeUndefined();
    expect(idsOf(forOther.data!)).not.toContain(registeredId);
    // Not found means not found: the other county's lookup answers like a missing record.
    const lookup = await stack.query(otherCounty, `query($id: ID!) { offCloudSystem(id: $id) { id } }`, { id: registeredId });
    expect(lookup).toMatchObject({ data: { offCloudSystem: null } });

    // The seeded 滨城区 system whose plan's target day has passed is listed as overdue.
    const overdue = await stack.query<Listed>(county, LIST, { filter: { overdue: true } });
    expect(overdue.data!.offCloudSystems.totalCount).toBeGreaterThan(0);
    expect(overdue.data!.offCloudSystems.edges.every((edge) => edge.node.overdue)).toBe(true);
    expect(idsOf(overdue.data!)).not.toContain(registeredId);
  });

  it('an exemption citing no law or regulation is refused; the bureau, not the unit, decides a claim', async () => {
    const unit = stack.world.units.find((candidate) => candidate.id === unitId)!;
    const asUnit = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    expectGatewayRuleViolation(await stack.query(asUnit, CLAIM, { id: registeredId, version: 1, legalBasis: '  ' }), 'ON_CLOUD', '第三条');
    const center = await stack.token({ role: 'CENTER' });
    expectGatewayRuleViolation(
      await stack.query(center, REGISTER, {
        input: {
          unitId: unit.id,
          name: '视频会商系统',
          description: '县内视频会商',
          currentLocation: '本单位机房',
          exemptionLegalBasis: '',
        },
      }),
      'ON_CLOUD',
      '第三条',
    );

    const claimed = await stack.query(asUnit, CLAIM, { id: registeredId, version: 1, legalBasis: '《中华人民共和国保守国家秘密法》' });
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data).toMatchObject({ claimOffCloudExemption: { status: 'EXEMPTION_CLAIMED', version: 2 } });
    expectGatewayCode(await stack.query(asUnit, DECIDE, { id: registeredId, version: 2, accept: true }), 'FORBIDDEN');
    const refused = await stack.query(bureau, DECIDE, {
      id: registeredId,
      version: 2,
      accept: false,
      reason: '该系统不涉密，所引法律不适用',
    });
    expect(refused.errors).toBeUndefined();
    expect(refused.data).toMatchObject({ decideOffCloudExemption: { status: 'PLANNED', exemption: { decision: 'REFUSED' } } });
  });

  it('the unit performance evaluation counts the unit’s systems still off the cloud', async () => {
    const run = await stack.query(bureau, `mutation { runUnitPerformanceEvaluation(year: 2026) { status } }`);
    expect(run.errors).toBeUndefined();
    const results = await stack.query<{
      unitPerformanceResults: {
        edges: Array<{ node: { unit: { id: string }; offCloud: { offCloudSystems: number; deduction: number } } }>;
      };
    }>(
      bureau,
      `{ unitPerformanceResults(year: 2026, first: 100, regionCode: "${BINCHENG}") { edges { node { unit { id } offCloud { offCloudSystems deduction } } } } }`,
    );
    expect(results.errors).toBeUndefined();
    const mine = results.data!.unitPerformanceResults.edges.find((edge) => edge.node.unit.id === unitId)!.node;
    // The one registered above (refused exemption, back on its plan), and any the demo seeded for the unit.
    expect(mine.offCloud.offCloudSystems).toBeGreaterThanOrEqual(1);
    expect(mine.offCloud.deduction).toBeGreaterThanOrEqual(OFF_CLOUD_DEDUCTIONS.offCloudSystem);
  });
});

describe('ON_CLOUD: an overdue plan stays overdue, through the gateway', () => {
  it('its unit cannot move the day itself (nor 9999-12-31); the centre records a new one, and only then is it no longer overdue', async () => {
    const overdue = await stack.query<{
      offCloudSystems: { edges: Array<{ node: { id: string; version: number; unit: { id: string }; region: { code: string } } }> };
    }>(bureau, `{ offCloudSystems(first: 1, filter: { overdue: true }) { edges { node { id version unit { id } region { code } } } } }`);
    expect(overdue.errors).toBeUndefined();
    const row = overdue.data!.offCloudSystems.edges[0]!.node;
    const unit = await stack.token({ role: 'USER_UNIT', unit: row.unit.id, region: row.region.code });
    const PLAN = `mutation($id: ID!, $version: Int!, $targetOn: Date!) {
      setOffCloudMigrationPlan(id: $id, version: $version, targetOn: $targetOn) { version overdue migrationTargetOn } }`;
    for (const targetOn of ['2027-06-30', '9999-12-31']) {
      expectGatewayRuleViolation(await stack.query(unit, PLAN, { id: row.id, version: row.version, targetOn }), 'ON_CLOUD', '第三条');
    }
    const center = await stack.token({ role: 'CENTER' });
    expectGatewayRuleViolation(
      await stack.query(center, PLAN, { id: row.id, version: row.version, targetOn: '9999-12-31' }),
      'ON_CLOUD',
      '第三条',
    );
    const replanned = await stack.query(center, PLAN, { id: row.id, version: row.version, targetOn: '2027-06-30' });
    expect(replanned.errors).toBeUndefined();
    expect(replanned.data).toEqual({
      setOffCloudMigrationPlan: { version: row.version + 1, overdue: false, migrationTargetOn: '2027-06-30' },
    });
  });
});
