// PROVIDER_QUALIFIED (第七条、第二十条) through the gateway on the seeded stack: a designated provider
// whose qualification lapsed (the seed's 天翼云, valid until 2026-10-31) takes no new application,
// as an exiting one does. The applications subgraph asks the providers subgraph (DESIGNATED_PROVIDER)
// and refuses citing PROVIDER_QUALIFIED; a qualified provider in the same county is accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemRecord } from '../../seed/world';
import { startStack, type Stack } from '../setup/stack';

const COUNTY = '371602';
const TODAY = '2026-11-26';
const CREATE = `mutation($input: CreateApplicationInput!) { createApplication(input: $input) { id status provider { id } } }`;
const PROVIDER = `query($id: ID!) { provider(id: $id) { status qualified acceptsNewApplications } }`;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: true });
});
afterAll(async () => {
  await stack?.stop();
});

/** A county system of `providerId` with an agreement in force there, never applied for. */
function freshSystemOf(providerId: string): SystemRecord {
  const { world } = stack;
  const agreed = world.agreements.some((a) => a.providerId === providerId && a.regionCode === COUNTY && a.status === 'ACTIVE');
  expect(agreed).toBe(true);
  return world.systems.find(
    (system) =>
      system.regionCode === COUNTY &&
      system.deploymentMode === 'ON_CLOUD' &&
      !system.loadVariesWidely &&
      system.providerId === providerId &&
      !world.applications.some((application) => application.systemId === system.id),
  )!;
}

describe('PROVIDER_QUALIFIED: a lapsed qualification refuses a new application, through the gateway', () => {
  it('the unit cannot choose the lapsed provider; nothing is created; a qualified one is accepted', async () => {
    const lapsed = stack.world.providers.find((provider) => provider.status === 'DESIGNATED' && provider.qualificationValidUntil < TODAY)!;
    const qualified = stack.world.providers.find(
      (provider) => provider.status === 'DESIGNATED' && provider.qualificationValidUntil >= TODAY,
    )!;
    const bureau = await stack.token({ role: 'BUREAU' });
    const seen = await stack.query(bureau, PROVIDER, { id: lapsed.id });
    expect(seen.data).toEqual({ provider: { status: 'DESIGNATED', qualified: false, acceptsNewApplications: false } });

    const system = freshSystemOf(lapsed.id);
    const unit = await stack.token({ role: 'USER_UNIT', unit: system.unitId, region: COUNTY });
    const count = async () => {
      const body = await stack.query<{ applications: { totalCount: number } }>(unit, `{ applications(first: 1) { totalCount } }`);
      return body.data!.applications.totalCount;
    };
    const before = await count();
    const refused = await stack.query(unit, CREATE, { input: { systemId: system.id, kind: 'NEW', providerId: lapsed.id } });
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0]!.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'PROVIDER_QUALIFIED',
      article: '第七条',
      qualificationValidUntil: lapsed.qualificationValidUntil,
    });
    expect(refused.errors![0]!.message).toContain(lapsed.qualificationValidUntil);
    expect(await count()).toBe(before);

    const other = freshSystemOf(qualified.id);
    const otherUnit = await stack.token({ role: 'USER_UNIT', unit: other.unitId, region: COUNTY });
    const accepted = await stack.query(otherUnit, CREATE, {
      input: { systemId: other.id, kind: 'NEW', providerId: qualified.id },
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data).toMatchObject({ createApplication: { status: 'DRAFT', provider: { id: qualified.id } } });

    // The check runs on every draft edit too, not only at creation and submission: once the chosen
    // provider's qualification lapses, the draft's resource lines can no longer be changed.
    const draft = (accepted.data as { createApplication: { id: string } }).createApplication;
    const entry = stack.world.basicCatalog.find((candidate) => candidate.providerId === qualified.id)!;
    const update = () =>
      stack.query(
        otherUnit,
        `mutation($id: ID!, $input: ApplicationDraftInput!) { updateApplicationDraft(id: $id, version: 1, input: $input) { id version } }`,
        { id: draft.id, input: { resourceLines: [{ catalogEntryId: entry.id, quantity: 1 }] } },
      );
    const setValidUntil = (until: string) =>
      stack.dataSources.providers.query(`UPDATE "providers"."provider" SET qualification_valid_until = $2 WHERE id = $1`, [
        qualified.id,
        until,
      ]);
    await setValidUntil('2026-10-31');
    try {
      const lapsedEdit = await update();
      expect(lapsedEdit.errors![0]!.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'PROVIDER_QUALIFIED', article: '第七条' });
    } finally {
      await setValidUntil(qualified.qualificationValidUntil);
    }
    const edited = await update();
    expect(edited.errors, JSON.stringify(edited.errors)).toBeUndefined();
  });
});
