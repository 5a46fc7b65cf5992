// registerSystem (第三条、第十条、第十一条) through the gateway on the seeded stack: a county unit
// registers a new system with a provider designated in its county; the system is numbered after the
// unit's, answers with its hosting provider from the providers subgraph, and takes an application;
// security learns of it through the replicated facts, so the unit can sign its cloud security
// agreement (第二十二条). Refusals (another county's provider, a name in use, another unit, a role
// that may not register) change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGatewayCode, expectGatewayRuleViolation } from '../setup/gateway-assertions';
import { freshSystemsIn } from '../setup/fresh-systems';
import { signWhenKnown } from '../setup/registered-systems';
import { startStack, type Stack } from '../setup/stack';

const COUNTY = '371602';
const REGISTER = `mutation($input: RegisterSystemInput!) {
  registerSystem(input: $input) {
    id code name deploymentMode legacySystemName loadVariesWidely goLiveOn retiredOn
    owner { id } region { code } hostingProvider { id name }
  }
}`;
const UNIT_SYSTEMS = `query($unitId: ID!) { systems(first: 100, filter: { unitId: $unitId }) { totalCount edges { node { id code } } } }`;
const CREATE = `mutation($input: CreateApplicationInput!) { createApplication(input: $input) { id status provider { id } system { id } } }`;

interface Registered {
  id: string;
  code: string;
  name: string;
  deploymentMode: string;
  legacySystemName: string | null;
  loadVariesWidely: boolean;
  goLiveOn: string | null;
  retiredOn: string | null;
  owner: { id: string };
  region: { code: string };
  hostingProvider: { id: string; name: string };
}

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: true });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('registerSystem through the gateway (第三条、第十一条)', () => {
  const unitOf = () => stack.world.units.find((unit) => unit.id === freshSystemsIn(stack.world, COUNTY)[0]!.unitId)!;

  async function unitSystemCodes(token: string, unitId: string): Promise<string[]> {
    const body = await stack.query<{ systems: { edges: Array<{ node: { code: string } }> } }>(token, UNIT_SYSTEMS, { unitId });
    expect(body.errors).toBeUndefined();
    return body.data!.systems.edges.map((edge) => edge.node.code).sort();
  }

  it('a unit registers a new system: numbered after its own, hosted by its chosen provider, ready for an application and a security agreement', async () => {
    const unit = unitOf();
    const provider = stack.world.providers.find((candidate) => candidate.id === freshSystemsIn(stack.world, COUNTY)[0]!.providerId)!;
    const asUnit = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const before = await unitSystemCodes(asUnit, unit.id);
    const highest = Math.max(...before.map((code) => Number(code.split('-').at(-1))));

    const body = await stack.query<{ registerSystem: Registered }>(asUnit, REGISTER, {
      input: { name: '  工程建设项目审批管理系统  ', providerId: provider.id, loadVariesWidely: true },
    });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const system = body.data!.registerSystem;
    expect(system).toMatchObject({
      code: `S-${unit.code.replace(/^U-/, '')}-${String(highest + 1).padStart(2, '0')}`,
      name: '工程建设项目审批管理系统',
      deploymentMode: 'ON_CLOUD',
      legacySystemName: null,
      loadVariesWidely: true,
      goLiveOn: null,
      retiredOn: null,
      owner: { id: unit.id },
      region: { code: COUNTY },
      hostingProvider: { id: provider.id, name: provider.name },
    });
    expect(await unitSystemCodes(asUnit, unit.id)).toEqual([...before, system.code].sort());

    const application = await stack.query<{ createApplication: { id: string; status: string } }>(asUnit, CREATE, {
      input: { systemId: system.id, kind: 'NEW' },
    });
    expect(application.errors, JSON.stringify(application.errors)).toBeUndefined();
    expect(application.data!.createApplication).toMatchObject({
      status: 'DRAFT',
      provider: { id: provider.id },
      system: { id: system.id },
    });

    // Security knows the system once its replica has taken the published facts (a job away).
    const signed = await signWhenKnown(stack, asUnit, {
      applicationId: application.data!.createApplication.id,
      systemId: system.id,
      number: '滨城政云安〔2026〕0901号',
      signedOn: '2026-11-26',
    });
    expect(signed.errors, JSON.stringify(signed.errors)).toBeUndefined();
    expect(signed.data!.signSecurityAgreement).toMatchObject({ status: 'SIGNED' });
  });

  it('an existing system registered to migrate is MIGRATING with its legacy system named', async () => {
    const unit = unitOf();
    const provider = freshSystemsIn(stack.world, COUNTY)[0]!.providerId!;
    const asUnit = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const body = await stack.query<{ registerSystem: Registered }>(asUnit, REGISTER, {
      input: { name: '档案数字化管理系统', providerId: provider, legacySystemName: '档案数字化管理系统（本单位机房）' },
    });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data!.registerSystem).toMatchObject({
      deploymentMode: 'MIGRATING',
      legacySystemName: '档案数字化管理系统（本单位机房）',
      loadVariesWidely: false,
    });
  });

  it('refusals change nothing: a provider not designated in the county (DESIGNATED_PROVIDER), a name in use, another unit, a role that may not register', async () => {
    const unit = unitOf();
    const asUnit = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const countyProviders = new Set(
      stack.world.agreements
        .filter((agreement) => agreement.status === 'ACTIVE' && agreement.regionCode === COUNTY)
        .map((a) => a.providerId),
    );
    const outsider = stack.world.providers.find((provider) => provider.status === 'DESIGNATED' && !countyProviders.has(provider.id))!;
    expect(outsider).toBeDefined();
    const designated = freshSystemsIn(stack.world, COUNTY)[0]!.providerId!;
    const inUse = stack.world.systems.find((system) => system.unitId === unit.id && !system.retiredOn)!;
    const otherUnit = stack.world.units.find((candidate) => candidate.regionCode === COUNTY && candidate.id !== unit.id)!;
    const before = await unitSystemCodes(asUnit, unit.id);

    expectGatewayRuleViolation(
      await stack.query(asUnit, REGISTER, { input: { name: '公共资源交易监管系统', providerId: outsider.id } }),
      'DESIGNATED_PROVIDER',
      '第十一条',
    );
    const taken = await stack.query(asUnit, REGISTER, { input: { name: inUse.name, providerId: designated } });
    expectGatewayCode(taken, 'BAD_USER_INPUT');
    expect(taken.errors![0]!.extensions).toMatchObject({ field: 'name' });
    expectGatewayCode(await stack.query(asUnit, REGISTER, { input: { name: '   ', providerId: designated } }), 'BAD_USER_INPUT');
    expectGatewayCode(
      await stack.query(asUnit, REGISTER, { input: { unitId: otherUnit.id, name: '公共资源交易监管系统', providerId: designated } }),
      'NOT_FOUND',
    );
    const county = await stack.token({ role: 'COUNTY_AUTHORITY', region: COUNTY });
    expectGatewayCode(
      await stack.query(county, REGISTER, { input: { unitId: unit.id, name: '公共资源交易监管系统', providerId: designated } }),
      'FORBIDDEN',
    );

    expect(await unitSystemCodes(asUnit, unit.id)).toEqual(before);
  });

  it('a disaster-recovery system names the unit’s production system it backs up; another unit’s or a backup is refused', async () => {
    const unit = unitOf();
    const asUnit = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const designated = freshSystemsIn(stack.world, COUNTY)[0]!.providerId!;
    const production = stack.world.systems.find((system) => system.unitId === unit.id && !system.retiredOn && !system.isDisasterRecovery)!;
    const BACKUP = `mutation($input: RegisterSystemInput!) {
      registerSystem(input: $input) { id isDisasterRecovery isStandby primarySystem { id } } }`;
    const body = await stack.query<{ registerSystem: { id: string; isDisasterRecovery: boolean; primarySystem: { id: string } } }>(
      asUnit,
      BACKUP,
      {
        input: { name: `${production.name}（异地灾备）`, providerId: designated, isDisasterRecovery: true, primarySystemId: production.id },
      },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data!.registerSystem).toMatchObject({ isDisasterRecovery: true, isStandby: false, primarySystem: { id: production.id } });

    const before = await unitSystemCodes(asUnit, unit.id);
    const othersSystem = stack.world.systems.find((system) => system.unitId !== unit.id && system.regionCode === COUNTY)!;
    const byOther = await stack.query(asUnit, BACKUP, {
      input: { name: '备用系统甲', providerId: designated, isStandby: true, primarySystemId: othersSystem.id },
    });
    expectGatewayCode(byOther, 'BAD_USER_INPUT');
    expect(byOther.errors![0]!.extensions).toMatchObject({ field: 'primarySystemId' });
    const ofBackup = await stack.query(asUnit, BACKUP, {
      input: { name: '备用系统乙', providerId: designated, isStandby: true, primarySystemId: body.data!.registerSystem.id },
    });
    expectGatewayCode(ofBackup, 'BAD_USER_INPUT');
    expect(await unitSystemCodes(asUnit, unit.id)).toEqual(before);
  });

  it('the centre registers for the unit it names, and must name one', async () => {
    const unit = unitOf();
    const center = await stack.token({ role: 'CENTER' });
    const designated = freshSystemsIn(stack.world, COUNTY)[0]!.providerId!;
    expectGatewayCode(
      await stack.query(center, REGISTER, { input: { name: '12345 热线工单系统', providerId: designated } }),
      'BAD_USER_INPUT',
    );
    const body = await stack.query<{ registerSystem: Registered }>(center, REGISTER, {
      input: { unitId: unit.id, name: '12345 热线工单系统', providerId: designated },
    });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data!.registerSystem).toMatchObject({ owner: { id: unit.id }, region: { code: COUNTY }, deploymentMode: 'ON_CLOUD' });
  });
});
