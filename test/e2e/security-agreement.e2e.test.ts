// Issue 4's first acceptance bullet, through the gateway on the seeded stack (SECURITY_AGREEMENT,
// 第二十二条): the bureau's accept of an application without a signed cloud security agreement fails
// and changes nothing; the unit signs one with its chosen provider; the same accept succeeds. And
// DESIGNATED_PROVIDER (第十一条): an application whose provider begins to exit is not accepted. The
// agreement is asked for again at go-live: one the unit ended during testing stops it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGatewayRuleViolation } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;
let unit: string;

const APPLICATION = `query($id: ID!) { application(id: $id) { id number status version } }`;
const ACCEPT = `mutation($id: ID!, $version: Int!) { acceptApplication(id: $id, version: $version) { id status version } }`;
const SIGN = `mutation($input: SignSecurityAgreementInput!) {
  signSecurityAgreement(input: $input) { number status signedOn application { id number } system { id } region { code } }
}`;

interface ApplicationView {
  id: string;
  number: string;
  status: string;
  version: number;
}

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

async function applicationView(id: string): Promise<ApplicationView> {
  const body = await stack.query<{ application: ApplicationView }>(bureau, APPLICATION, { id });
  expect(body.errors).toBeUndefined();
  return body.data!.application;
}

describe('SECURITY_AGREEMENT through the gateway (第二十二条)', () => {
  it('no accept without a signed cloud security agreement; the unit signs one; then the accept succeeds', async () => {
    // Seeded: submitted by a city unit, with no agreement (seed/world/application-plan.ts).
    const seeded = stack.world.applications.find((application) => application.code === 'A-2026-0008')!;
    expect(seeded.securityAgreementId).toBeNull();
    const owner = stack.world.units.find((candidate) => candidate.id === seeded.unitId)!;
    unit = await stack.token({ role: 'USER_UNIT', unit: owner.id, region: owner.regionCode });

    const before = await applicationView(seeded.id);
    expect(before.status).toBe('SUBMITTED');
    const refused = await stack.query(bureau, ACCEPT, { id: seeded.id, version: before.version });
    expectGatewayRuleViolation(refused, 'SECURITY_AGREEMENT', '第二十二条', { systemId: seeded.systemId, providerId: seeded.providerId });
    expect(refused.errors![0]!.message).toContain('云安全协议');
    expect(await applicationView(seeded.id)).toEqual(before);

    const signed = await stack.query<{ signSecurityAgreement: Record<string, unknown> }>(unit, SIGN, {
      input: { applicationId: seeded.id, systemId: seeded.systemId, number: '滨政云安〔2026〕0088号', signedOn: '2026-11-26' },
    });
    expect(signed.errors, JSON.stringify(signed.errors)).toBeUndefined();
    expect(signed.data!.signSecurityAgreement).toEqual({
      number: '滨政云安〔2026〕0088号',
      status: 'SIGNED',
      signedOn: '2026-11-26',
      application: { id: seeded.id, number: before.number },
      system: { id: seeded.systemId },
      region: { code: owner.regionCode },
    });

    const accepted = await stack.query<{ acceptApplication: ApplicationView }>(bureau, ACCEPT, {
      id: seeded.id,
      version: before.version,
    });
    expect(accepted.errors, JSON.stringify(accepted.errors)).toBeUndefined();
    expect(accepted.data!.acceptApplication).toMatchObject({ status: 'ACCEPTED', version: before.version + 1 });
  });

  it('an agreement recorded for another of the unit’s systems holds the application until it is ended; then the right one is signed', async () => {
    // Seeded: a city unit's draft with no agreement.
    const draft = stack.world.applications.find((application) => application.code === 'A-2026-0001')!;
    const owner = stack.world.units.find((candidate) => candidate.id === draft.unitId)!;
    // Another system of the unit's with no agreement with this provider.
    const others = stack.world.systems.filter((system) => system.unitId === owner.id && system.id !== draft.systemId);
    const inForce = await Promise.all(
      others.map(async (system) => {
        const found = await stack.query<{ signedSecurityAgreement: { id: string } | null }>(
          bureau,
          `query($systemId: ID, $providerId: ID) { signedSecurityAgreement(systemId: $systemId, providerId: $providerId) { id } }`,
          { systemId: system.id, providerId: draft.providerId },
        );
        return found.data!.signedSecurityAgreement !== null;
      }),
    );
    const wrongSystem = others.find((_, index) => !inForce[index])!;
    const ownerToken = await stack.token({ role: 'USER_UNIT', unit: owner.id, region: owner.regionCode });
    const sign = (systemId: string, number: string) =>
      stack.query<{ signSecurityAgreement: { number: string; system: { id: string } } }>(ownerToken, SIGN, {
        input: { applicationId: draft.id, systemId, providerId: draft.providerId, number, signedOn: '2026-11-26' },
      });

    const wrong = await sign(wrongSystem.id, '滨政云安〔2026〕0091号');
    expect(wrong.errors, JSON.stringify(wrong.errors)).toBeUndefined();
    const held = await sign(draft.systemId, '滨政云安〔2026〕0092号');
    expect(held.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'applicationId' });
    expect(held.errors![0]!.message).toContain('请先终止该协议');

    // The agreement in force that cites the application: the wrong one.
    const citing = await stack.query<{ signedSecurityAgreement: { id: string; number: string } }>(
      bureau,
      `query($applicationId: ID) { signedSecurityAgreement(applicationId: $applicationId) { id number } }`,
      { applicationId: draft.id },
    );
    expect(citing.data!.signedSecurityAgreement.number).toBe('滨政云安〔2026〕0091号');
    const wrongId = citing.data!.signedSecurityAgreement.id;
    const terminated = await stack.query(
      bureau,
      `mutation($id: ID!, $reason: String!) { terminateSecurityAgreement(id: $id, reason: $reason) { status } }`,
      { id: wrongId, reason: '系统填错，更正记录' },
    );
    expect(terminated.errors, JSON.stringify(terminated.errors)).toBeUndefined();

    const right = await sign(draft.systemId, '滨政云安〔2026〕0093号');
    expect(right.errors, JSON.stringify(right.errors)).toBeUndefined();
    expect(right.data!.signSecurityAgreement).toMatchObject({ number: '滨政云安〔2026〕0093号', system: { id: draft.systemId } });
  });

  it('DESIGNATED_PROVIDER (第十一条): once its provider begins to exit, an application awaiting a decision cannot be accepted, only rejected', async () => {
    const pending = stack.world.applications.find((application) => application.code === 'A-2026-0007')!;
    const started = await stack.query(bureau, `mutation($input: ProviderExitInput!) { startProviderExit(input: $input) { status } }`, {
      input: { providerId: pending.providerId, reason: 'OTHER', startedOn: '2026-11-26', transitionEndsOn: '2027-02-26' },
    });
    expect(started.errors).toBeUndefined();
    const before = await applicationView(pending.id);
    const refused = await stack.query(bureau, ACCEPT, { id: pending.id, version: before.version });
    expectGatewayRuleViolation(refused, 'DESIGNATED_PROVIDER', '第十一条');
    expect(await applicationView(pending.id)).toEqual(before);
    const rejected = await stack.query<{ rejectApplication: { status: string } }>(
      bureau,
      `mutation($id: ID!, $version: Int!, $reason: String!) { rejectApplication(id: $id, version: $version, reason: $reason) { status } }`,
      { id: pending.id, version: before.version, reason: '所选服务商正在退出，请改选服务商后重新提交' },
    );
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data!.rejectApplication.status).toBe('REJECTED');
  });

  it('SECURITY_AGREEMENT at go-live: an agreement the unit ended during testing stops the go-live, changing nothing, until a new one is signed', async () => {
    // Seeded: a city unit's application in testing on 联通云 (P-UNICOM), its agreement signed.
    const testing = stack.world.applications.find((application) => application.code === 'A-2026-0025')!;
    const owner = stack.world.units.find((candidate) => candidate.id === testing.unitId)!;
    const unitToken = await stack.token({ role: 'USER_UNIT', unit: owner.id, region: owner.regionCode });
    const center = await stack.token({ role: 'CENTER' });
    const ended = await stack.query(
      unitToken,
      `mutation($id: ID!, $reason: String!) { terminateSecurityAgreement(id: $id, reason: $reason) { status } }`,
      { id: testing.securityAgreementId, reason: '系统尚未上线，协议条款需重新商定' },
    );
    expect(ended.errors, JSON.stringify(ended.errors)).toBeUndefined();
    const asked = await stack.query(
      unitToken,
      `mutation($id: ID!, $version: Int!) { requestGoLive(id: $id, version: $version) { status } }`,
      {
        id: testing.id,
        version: (await applicationView(testing.id)).version,
      },
    );
    expect(asked.errors, JSON.stringify(asked.errors)).toBeUndefined();

    const CONFIRM = `mutation($id: ID!, $version: Int!) { confirmGoLive(id: $id, version: $version) { status } }`;
    const before = await applicationView(testing.id);
    const refused = await stack.query(center, CONFIRM, { id: testing.id, version: before.version });
    expectGatewayRuleViolation(refused, 'SECURITY_AGREEMENT', '第二十二条', { systemId: testing.systemId, providerId: testing.providerId });
    expect(refused.errors![0]!.message).toContain('确认上线');
    expect(await applicationView(testing.id)).toEqual(before);

    const signed = await stack.query(unitToken, SIGN, {
      input: { applicationId: testing.id, systemId: testing.systemId, number: '滨政云安〔2026〕0097号', signedOn: '2026-11-26' },
    });
    expect(signed.errors, JSON.stringify(signed.errors)).toBeUndefined();
    const live = await stack.query<{ confirmGoLive: { status: string } }>(center, CONFIRM, { id: testing.id, version: before.version });
    expect(live.errors, JSON.stringify(live.errors)).toBeUndefined();
    expect(live.data!.confirmGoLive.status).toBe('IN_PRODUCTION');
  });
});
