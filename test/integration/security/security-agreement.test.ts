// SECURITY_AGREEMENT (第二十二条) in the security subgraph alone: a unit signs a cloud security
// agreement for its system with its application's provider (unit and region from the replicated
// system facts), the bureau's check finds it within the caller's scope, and an agreement is ended
// by its unit once the system has left the platform, or by the bureau. Every refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { startSubgraphForTest, type GraphQLResult, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, cityFinance, cybersec, providerPrincipal, userUnit, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

// A-2026-0008: submitted by a city unit without an agreement (seed/world/application-plan.ts).
const application = world.applications.find((candidate) => candidate.code === 'A-2026-0008')!;
const owner = world.units.find((unit) => unit.id === application.unitId)!;
const unitPrincipal = userUnit(owner);
const otherUnit = userUnit(world.units.find((unit) => unit.id !== owner.id && unit.regionCode === owner.regionCode)!);
const provider = world.providers.find((candidate) => candidate.id === application.providerId)!;
const exemptSystem = world.systems.find((system) => system.unitId === owner.id && system.deploymentMode === 'EXEMPT')!;
const systemById = new Map(world.systems.map((system) => [system.id, system]));
// An agreement of the same unit whose system runs on the provider's platform.
const liveAgreement = world.securityAgreements.find((agreement) => {
  const system = systemById.get(agreement.systemId)!;
  return agreement.unitId === owner.id && agreement.status === 'SIGNED' && system.goLiveOn && !system.retiredOn;
})!;

const AGREEMENT = `id number status signedOn terminatedOn terminationReason terminatedBy
  unit { id } provider { id } system { id } application { id } region { code }`;
const SIGN = `mutation ($input: SignSecurityAgreementInput!) { signSecurityAgreement(input: $input) { ${AGREEMENT} } }`;
const TERMINATE = `mutation ($id: ID!, $reason: String!, $terminatedOn: Date) {
  terminateSecurityAgreement(id: $id, reason: $reason, terminatedOn: $terminatedOn) { ${AGREEMENT} } }`;
const CHECK = `query ($applicationId: ID, $systemId: ID, $providerId: ID) {
  signedSecurityAgreement(applicationId: $applicationId, systemId: $systemId, providerId: $providerId) { id number status } }`;

interface Agreement {
  id: string;
  number: string;
  status: string;
  signedOn: string;
  terminatedOn: string | null;
  terminationReason: string | null;
  terminatedBy: string | null;
  unit: { id: string };
  provider: { id: string };
  system: { id: string };
  application: { id: string } | null;
  region: { code: string };
}

const input = (overrides: Record<string, unknown> = {}) => ({
  applicationId: application.id,
  systemId: application.systemId,
  providerId: application.providerId,
  number: '滨政云安〔2026〕0901号',
  signedOn: '2026-11-25',
  ...overrides,
});

const sign = (principal: Principal, overrides: Record<string, unknown> = {}) =>
  subgraph.query<{ signSecurityAgreement: Agreement }>(principal, SIGN, { input: input(overrides) });
const terminate = (principal: Principal, variables: Record<string, unknown>) =>
  subgraph.query<{ terminateSecurityAgreement: Agreement }>(principal, TERMINATE, variables);
const check = (principal: Principal, variables: Record<string, unknown>) =>
  subgraph.query<{ signedSecurityAgreement: { id: string; number: string; status: string } | null }>(principal, CHECK, variables);

/** Every agreement as stored: what a refused mutation must leave as it was. */
const agreements = () => subgraph.dataSource.query(`SELECT * FROM "security"."security_agreement" ORDER BY id`);

function expectCode(result: GraphQLResult, code: string, extra: Record<string, unknown> = {}): void {
  expect(result.errors, JSON.stringify(result.data)).toHaveLength(1);
  expect(result.errors![0]!.extensions).toMatchObject({ code, ...extra });
  expect(result.errors![0]!.message).toMatch(/[\u4e00-\u9fff]/);
}

async function expectRefusedUnchanged(attempt: () => Promise<GraphQLResult>, code: string, extra: Record<string, unknown> = {}) {
  const before = await agreements();
  expectCode(await attempt(), code, extra);
  expect(await agreements()).toEqual(before);
}

describe('SECURITY_AGREEMENT: signing (第二十二条)', () => {
  it('refuses other roles, other units, bad input, unknown and exempt systems, and changes nothing', async () => {
    for (const principal of [bureau, cybersec, providerPrincipal(provider)]) {
      await expectRefusedUnchanged(() => sign(principal), 'FORBIDDEN');
    }
    // Another unit's system is answered like a missing one.
    await expectRefusedUnchanged(() => sign(otherUnit), 'NOT_FOUND');
    await expectRefusedUnchanged(() => sign(unitPrincipal, { number: '  ' }), 'BAD_USER_INPUT', { field: 'number' });
    await expectRefusedUnchanged(() => sign(unitPrincipal, { signedOn: '2026-11-27' }), 'BAD_USER_INPUT', { field: 'signedOn' });
    await expectRefusedUnchanged(() => sign(unitPrincipal, { systemId: 'S-1' }), 'BAD_USER_INPUT', { field: 'systemId' });
    await expectRefusedUnchanged(() => sign(unitPrincipal, { systemId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');
    await expectRefusedUnchanged(() => sign(unitPrincipal, { systemId: exemptSystem.id }), 'BAD_USER_INPUT', { field: 'systemId' });
    // The number is the document's, unique in the city.
    await expectRefusedUnchanged(() => sign(unitPrincipal, { number: liveAgreement.number }), 'CONFLICT');
  });

  it('the bureau’s check finds no agreement for the application before it is signed', async () => {
    const bySystem = await check(bureau, { systemId: application.systemId, providerId: application.providerId });
    expect(bySystem.errors).toBeUndefined();
    expect(bySystem.data!.signedSecurityAgreement).toBeNull();
  });

  it('the owning unit signs; unit and region come from the system’s facts; a second one is a conflict', async () => {
    const signed = await sign(unitPrincipal);
    expect(signed.errors).toBeUndefined();
    expect(signed.data!.signSecurityAgreement).toMatchObject({
      number: '滨政云安〔2026〕0901号',
      status: 'SIGNED',
      signedOn: '2026-11-25',
      terminatedOn: null,
      terminatedBy: null,
      unit: { id: owner.id },
      provider: { id: provider.id },
      system: { id: application.systemId },
      application: { id: application.id },
      region: { code: owner.regionCode },
    });
    const [row] = await subgraph.dataSource.query(`SELECT signed_by FROM "security"."security_agreement" WHERE id = $1`, [
      signed.data!.signSecurityAgreement.id,
    ]);
    expect(row.signed_by).toBe(unitPrincipal.subject);
    await expectRefusedUnchanged(() => sign(unitPrincipal, { number: '滨政云安〔2026〕0902号' }), 'CONFLICT');
  });

  it('the check answers by system and provider or by application, within the caller’s scope', async () => {
    const id = (await check(bureau, { applicationId: application.id })).data!.signedSecurityAgreement?.id;
    expect(id).toBeDefined();
    for (const principal of [bureau, cybersec, unitPrincipal, providerPrincipal(provider)]) {
      const found = await check(principal, { systemId: application.systemId, providerId: application.providerId });
      expect(found.data!.signedSecurityAgreement, principal.subject).toMatchObject({ id, status: 'SIGNED' });
    }
    // Outside the scope, or with another provider: nothing.
    for (const principal of [otherUnit, cityFinance]) {
      expect((await check(principal, { applicationId: application.id })).data!.signedSecurityAgreement).toBeNull();
    }
    const otherProvider = world.providers.find((candidate) => candidate.id !== provider.id)!;
    expect(
      (await check(bureau, { systemId: application.systemId, providerId: otherProvider.id })).data!.signedSecurityAgreement,
    ).toBeNull();
    expectCode(await check(bureau, { systemId: application.systemId }), 'BAD_USER_INPUT', { field: 'providerId' });
    expectCode(await check(bureau, {}), 'BAD_USER_INPUT', { field: 'applicationId' });
  });

  it('two signings for one system at once: exactly one is recorded', async () => {
    // Free a live system of its agreement (the bureau ends it), then the unit signs twice at once.
    const target = systemById.get(liveAgreement.systemId)!;
    expect((await terminate(bureau, { id: liveAgreement.id, reason: '由新协议取代' })).errors).toBeUndefined();
    const attempt = (number: string) =>
      sign(unitPrincipal, { systemId: target.id, providerId: target.providerId, number, applicationId: crypto.randomUUID() });
    const results = await Promise.all([attempt('滨政云安〔2026〕0911号'), attempt('滨政云安〔2026〕0912号')]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(1);
    const [{ count }] = await subgraph.dataSource.query(
      `SELECT count(*)::int AS count FROM "security"."security_agreement" WHERE system_id = $1 AND status = 'SIGNED'`,
      [target.id],
    );
    expect(count).toBe(1);
  });
});

describe('SECURITY_AGREEMENT: ending an agreement', () => {
  const liveSystemAgreement = () =>
    world.securityAgreements.find((agreement) => {
      const system = systemById.get(agreement.systemId)!;
      return agreement.unitId === owner.id && agreement.id !== liveAgreement.id && agreement.status === 'SIGNED' && system.goLiveOn;
    })!;

  it('a unit cannot end the agreement of a system running on the platform; other roles may not at all, other units do not see it', async () => {
    const agreement = liveSystemAgreement();
    await expectRefusedUnchanged(() => terminate(unitPrincipal, { id: agreement.id, reason: '不再需要' }), 'RULE_VIOLATION', {
      rule: 'SECURITY_AGREEMENT',
      article: '第二十二条',
    });
    for (const principal of [providerPrincipal(provider), cybersec, { subject: 'c', role: Role.CENTER }]) {
      await expectRefusedUnchanged(() => terminate(principal, { id: agreement.id, reason: '不再需要' }), 'FORBIDDEN');
    }
    await expectRefusedUnchanged(() => terminate(otherUnit, { id: agreement.id, reason: '不再需要' }), 'NOT_FOUND');
    await expectRefusedUnchanged(() => terminate(bureau, { id: agreement.id, reason: ' ' }), 'BAD_USER_INPUT', { field: 'reason' });
    await expectRefusedUnchanged(
      () => terminate(bureau, { id: agreement.id, reason: '更正', terminatedOn: '2000-01-01' }),
      'BAD_USER_INPUT',
      { field: 'terminatedOn' },
    );
    await expectRefusedUnchanged(() => terminate(bureau, { id: '00000000-0000-4000-8000-000000000000', reason: '更正' }), 'NOT_FOUND');
  });

  it('the bureau ends one at any time, with its reason; ending it twice is refused', async () => {
    const agreement = liveSystemAgreement();
    const ended = await terminate(bureau, { id: agreement.id, reason: '协议文本有误，由新协议取代', terminatedOn: '2026-11-26' });
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.terminateSecurityAgreement).toMatchObject({
      status: 'TERMINATED',
      terminatedOn: '2026-11-26',
      terminationReason: '协议文本有误，由新协议取代',
      terminatedBy: 'BUREAU',
    });
    await expectRefusedUnchanged(() => terminate(bureau, { id: agreement.id, reason: '再次终止' }), 'BAD_USER_INPUT', { field: 'id' });
  });

  it('the unit ends the agreement of a system not yet live; the check then finds none and it may sign again', async () => {
    const current = (await check(unitPrincipal, { applicationId: application.id })).data!.signedSecurityAgreement!;
    const ended = await terminate(unitPrincipal, { id: current.id, reason: '申请撤回，协议作废' });
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.terminateSecurityAgreement).toMatchObject({
      status: 'TERMINATED',
      terminatedOn: '2026-11-26',
      terminatedBy: 'USER_UNIT',
    });
    const bySystem = await check(bureau, { systemId: application.systemId, providerId: application.providerId });
    expect(bySystem.data!.signedSecurityAgreement).toBeNull();
    const again = await sign(unitPrincipal, { number: '滨政云安〔2026〕0903号' });
    expect(again.errors).toBeUndefined();
    expect(again.data!.signSecurityAgreement.status).toBe('SIGNED');
  });

  it('an agreement citing the application for another system blocks the right one only while it is in force', async () => {
    const current = (await check(unitPrincipal, { applicationId: application.id })).data!.signedSecurityAgreement!;
    expect((await terminate(bureau, { id: current.id, reason: '重新签订' })).errors).toBeUndefined();
    // Another system of the unit's, with no agreement in force.
    const candidates = world.systems.filter(
      (system) => system.unitId === owner.id && system.id !== application.systemId && system.providerId,
    );
    const free = await Promise.all(
      candidates.map(
        async (system) => !(await check(bureau, { systemId: system.id, providerId: system.providerId })).data!.signedSecurityAgreement,
      ),
    );
    const otherSystem = candidates.find((_, index) => free[index])!;
    const wrong = await sign(unitPrincipal, {
      systemId: otherSystem.id,
      providerId: otherSystem.providerId,
      number: '滨政云安〔2026〕0904号',
    });
    expect(wrong.errors).toBeUndefined();
    const right = () => sign(unitPrincipal, { number: '滨政云安〔2026〕0905号' });
    await expectRefusedUnchanged(right, 'BAD_USER_INPUT', { field: 'applicationId' });
    expect((await terminate(bureau, { id: wrong.data!.signSecurityAgreement.id, reason: '系统填错' })).errors).toBeUndefined();
    const signed = await right();
    expect(signed.errors).toBeUndefined();
    expect(signed.data!.signSecurityAgreement).toMatchObject({ status: 'SIGNED', system: { id: application.systemId } });
  });
});
