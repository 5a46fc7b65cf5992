// Systems a test registers for itself through the gateway (registerSystem): a system has one open
// application at a time (lifecycle/open-application.rules.ts), so a test that applies for one takes
// a new one rather than another test's. Security learns of a registered system from its published
// facts, a job later; a test that needs its cloud security agreement signs once it has.
import { expect } from 'vitest';
import type { SystemRecord } from '../../seed/world';
import type { Stack } from './stack';

const REGISTER = `mutation($input: RegisterSystemInput!) { registerSystem(input: $input) { id code } }`;
const SIGN = `mutation($input: SignSecurityAgreementInput!) { signSecurityAgreement(input: $input) { number status } }`;

/** A new system of `like`'s unit, hosted by `like`'s provider, registered by that unit. */
export async function registerSystemLike(stack: Stack, like: SystemRecord, name: string): Promise<SystemRecord> {
  const token = await stack.token({ role: 'USER_UNIT', unit: like.unitId, region: like.regionCode });
  const body = await stack.query<{ registerSystem: { id: string; code: string } }>(token, REGISTER, {
    input: { name, providerId: like.providerId },
  });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  const { id, code } = body.data!.registerSystem;
  return {
    ...like,
    id,
    code,
    name,
    loadVariesWidely: false,
    goLiveOn: null,
    retiredOn: null,
    legacySystemName: null,
    legacyShutdownOn: null,
  };
}

/**
 * Signs the unit's cloud security agreement for the application and system (SECURITY_AGREEMENT,
 * 第二十二条), asking again while security's replica does not know the system yet (NOT_FOUND).
 */
export async function signWhenKnown(stack: Stack, unitToken: string, input: Record<string, unknown>) {
  let signed = await stack.query<{ signSecurityAgreement: { number: string; status: string } }>(unitToken, SIGN, { input });
  for (let attempt = 0; attempt < 80 && signed.errors?.[0]?.extensions?.code === 'NOT_FOUND'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    signed = await stack.query(unitToken, SIGN, { input });
  }
  return signed;
}
