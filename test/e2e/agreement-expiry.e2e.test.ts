// 第九条 through the gateway on the seeded stack, its day pinned (GOVCLOUD_TODAY): the 2024 city
// agreements end on 2027-06-30. The bureau renews one (TERM_MAX_3Y); the others are left to expire.
// On 2027-07-01 the providers subgraph's daily job (run here directly) marks them EXPIRED and starts
// each such provider's exit, reason EXPIRY, with a full three-month transition (EXIT_TRANSITION_3M),
// whose migrations the applications subgraph opens; no new application is accepted under an
// expired agreement (DESIGNATED_PROVIDER), while one under the renewed agreement is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TODAY_VARIABLE } from '../../subgraphs/kit/dates';
import { expireAgreements } from '../../subgraphs/providers/agreements/agreement-expiry.service';
import type { SystemRecord } from '../../seed/world';
import { waitFor } from '../integration/effects/helpers';
import { startStack, type Stack } from '../setup/stack';

const RENEW = `mutation($input: RenewAgreementInput!) { renewAgreement(input: $input) { id endsOn } }`;
const PROVIDER = `query($id: ID!) {
  provider(id: $id) {
    status acceptsNewApplications
    currentExit { id reason startedOn transitionEndsOn transitionDays status migrationProgress { opened total } }
    agreements(first: 100) { edges { node { number status } } }
  }
}`;
const CREATE = `mutation($input: CreateApplicationInput!) { createApplication(input: $input) { id status } }`;

interface ProviderView {
  status: string;
  acceptsNewApplications: boolean;
  currentExit: {
    id: string;
    reason: string;
    startedOn: string;
    transitionEndsOn: string;
    transitionDays: number;
    status: string;
    migrationProgress: { opened: boolean; total: number };
  } | null;
  agreements: { edges: Array<{ node: { number: string; status: string } }> };
}

let stack: Stack;
const saved = process.env[TODAY_VARIABLE];

beforeAll(async () => {
  process.env[TODAY_VARIABLE] = '2027-06-30';
  stack = await startStack({ seed: true });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  if (saved === undefined) delete process.env[TODAY_VARIABLE];
  else process.env[TODAY_VARIABLE] = saved;
});

function providerCoded(code: string) {
  return stack.world.providers.find((provider) => provider.code === code)!;
}

/** A county system never applied for, of a unit in `regionCode`. */
function freshSystemIn(regionCode: string): SystemRecord {
  const { world } = stack;
  return world.systems.find(
    (system) =>
      system.regionCode === regionCode &&
      system.deploymentMode === 'ON_CLOUD' &&
      !system.loadVariesWidely &&
      !world.applications.some((application) => application.systemId === system.id),
  )!;
}

describe('第九条: an agreement left to expire ends the provider’s designation, through the gateway', () => {
  it('the renewed provider goes on; the others start their exit and take no new application', async () => {
    const bureau = await stack.token({ role: 'BUREAU' });
    const view = async (providerId: string) => {
      const body = await stack.query<{ provider: ProviderView }>(bureau, PROVIDER, { id: providerId });
      expect(body.errors).toBeUndefined();
      return body.data!.provider;
    };
    const unicom = providerCoded('P-UNICOM');
    const inspur = providerCoded('P-INSPUR');
    const unicomCity = stack.world.agreements.find((a) => a.number === '滨大数采〔2024〕14号')!;
    const renewed = await stack.query(bureau, RENEW, { input: { agreementId: unicomCity.id, endsOn: '2030-06-30' } });
    expect(renewed.errors).toBeUndefined();
    const yangxinAgreement = stack.world.agreements.find((a) => a.cityAgreementId === unicomCity.id && a.regionCode === '371622')!;
    const yangxin = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371622' });
    expect(
      (await stack.query(yangxin, RENEW, { input: { agreementId: yangxinAgreement.id, endsOn: '2030-06-30' } })).errors,
    ).toBeUndefined();

    process.env[TODAY_VARIABLE] = '2027-07-01';
    const outcome = await expireAgreements(stack.dataSources.providers, '2027-07-01');
    expect(outcome.exitIds).toHaveLength(2);
    // Run again (the job is daily and at start): nothing more happens.
    expect(await expireAgreements(stack.dataSources.providers, '2027-07-01')).toEqual({ expiredAgreementIds: [], exitIds: [] });

    const unicomNow = await view(unicom.id);
    expect(unicomNow).toMatchObject({ status: 'DESIGNATED', acceptsNewApplications: true, currentExit: null });

    const inspurNow = await view(inspur.id);
    expect(inspurNow).toMatchObject({
      status: 'EXITING',
      acceptsNewApplications: false,
      currentExit: { reason: 'EXPIRY', startedOn: '2027-07-01', transitionEndsOn: '2027-10-01', status: 'IN_TRANSITION' },
    });
    expect(inspurNow.agreements.edges.every(({ node }) => node.status === 'EXPIRED')).toBe(true);
    await waitFor('the expiry exit’s migrations to open', async () => (await view(inspur.id)).currentExit!.migrationProgress.opened);
    expect((await view(inspur.id)).currentExit!.migrationProgress.total).toBeGreaterThan(0);

    // 滨城区 (371602) had only Inspur's and Tianyi's agreements, both expired: a new application is refused.
    const system = freshSystemIn('371602');
    const unit = await stack.token({ role: 'USER_UNIT', unit: system.unitId, region: '371602' });
    const refused = await stack.query(unit, CREATE, { input: { systemId: system.id, kind: 'NEW', providerId: inspur.id } });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DESIGNATED_PROVIDER', article: '第十一条' });

    // 阳信县 (371622) renewed with Unicom: a new application goes on.
    const yangxinSystem = freshSystemIn('371622');
    const yangxinUnit = await stack.token({ role: 'USER_UNIT', unit: yangxinSystem.unitId, region: '371622' });
    const accepted = await stack.query(yangxinUnit, CREATE, { input: { systemId: yangxinSystem.id, kind: 'NEW', providerId: unicom.id } });
    expect(accepted.errors).toBeUndefined();
  });
});
