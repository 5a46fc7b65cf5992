// 第九条 through the gateway on the seeded stack, its day pinned (GOVCLOUD_TODAY): the 2024 city
// agreements end on 2027-06-30. The bureau renews one (TERM_MAX_3Y); the others are left to expire.
// On 2027-07-01 the providers subgraph's daily job (run here directly) marks them EXPIRED and starts
// each such provider's exit, reason EXPIRY, with a full three-month transition (EXIT_TRANSITION_3M),
// whose migrations the applications subgraph opens; no new application is accepted under an
// expired agreement (DESIGNATED_PROVIDER), while one under the renewed agreement is. Unicom's city
// agreement and 阳信县's are renewed but 博兴县's is not: Unicom exits 博兴县 alone, only that county's
// systems migrate, and it takes no new application there while it goes on in the city.
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
    // Two providers exit the city; Unicom exits 博兴县 only.
    expect(outcome.exitIds).toHaveLength(3);
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

const EXITS = `query($id: ID!, $county: String!) {
  provider(id: $id) {
    status acceptsNewApplications inCounty: acceptsNewApplications(regionCode: $county)
    exits(first: 10) { edges { node { id reason status region { code } startedOn transitionEndsOn migrationProgress { opened total pending } } } }
  }
}`;
const MIGRATIONS = `query($exitId: ID) { systemMigrations(exitId: $exitId, first: 100) { totalCount edges { node { region { code } } } } }`;

describe('第九条: a county agreement left to expire while the city’s goes on, through the gateway', () => {
  it('the provider exits that county alone: its systems there migrate, it takes no new application there, and goes on elsewhere', async () => {
    // Runs after the expiry above (2027-07-01): Unicom renewed the city and 阳信县, not 博兴县 (371625).
    const bureau = await stack.token({ role: 'BUREAU' });
    const unicom = providerCoded('P-UNICOM');
    interface ExitsView {
      provider: {
        status: string;
        acceptsNewApplications: boolean;
        inCounty: boolean;
        exits: {
          edges: Array<{
            node: {
              id: string;
              reason: string;
              status: string;
              region: { code: string };
              startedOn: string;
              transitionEndsOn: string;
              migrationProgress: { opened: boolean; total: number; pending: number };
            };
          }>;
        };
      };
    }
    const view = async (county: string) => {
      const body = await stack.query<ExitsView>(bureau, EXITS, { id: unicom.id, county });
      expect(body.errors).toBeUndefined();
      return body.data!.provider;
    };
    const boxing = await view('371625');
    expect(boxing).toMatchObject({ status: 'DESIGNATED', acceptsNewApplications: true, inCounty: false });
    expect(boxing.exits.edges.map(({ node }) => node)).toMatchObject([
      { reason: 'EXPIRY', status: 'IN_TRANSITION', region: { code: '371625' }, startedOn: '2027-07-01', transitionEndsOn: '2027-10-01' },
    ]);
    expect((await view('371622')).inCounty).toBe(true);
    const exitId = boxing.exits.edges[0]!.node.id;
    await waitFor('the county exit’s migrations to open', async () => (await view('371625')).exits.edges[0]!.node.migrationProgress.opened);
    const hostedInBoxing = stack.world.systems.filter(
      (system) => system.providerId === unicom.id && system.regionCode === '371625' && system.deploymentMode !== 'EXEMPT',
    ).length;
    expect((await view('371625')).exits.edges[0]!.node.migrationProgress).toEqual({
      opened: true,
      total: hostedInBoxing,
      pending: hostedInBoxing,
    });
    const migrations = await stack.query<{
      systemMigrations: { totalCount: number; edges: Array<{ node: { region: { code: string } } }> };
    }>(bureau, MIGRATIONS, { exitId });
    expect(migrations.data!.systemMigrations.totalCount).toBe(hostedInBoxing);
    expect(new Set(migrations.data!.systemMigrations.edges.map(({ node }) => node.region.code))).toEqual(new Set(['371625']));

    // A 博兴县 unit cannot choose Unicom any more; a 阳信县 unit still can (above).
    const system = freshSystemIn('371625');
    const unit = await stack.token({ role: 'USER_UNIT', unit: system.unitId, region: '371625' });
    const refused = await stack.query(unit, CREATE, { input: { systemId: system.id, kind: 'NEW', providerId: unicom.id } });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DESIGNATED_PROVIDER' });
    expect(refused.errors![0]!.message).toContain('退出');
  });

  it('a city-wide exit started while that county exit is open: each of its systems keeps one open migration', async () => {
    const bureau = await stack.token({ role: 'BUREAU' });
    const unicom = providerCoded('P-UNICOM');
    const started = await stack.query<{ startProviderExit: { id: string } }>(
      bureau,
      `mutation($input: ProviderExitInput!) { startProviderExit(input: $input) { id } }`,
      { input: { providerId: unicom.id, reason: 'OTHER', startedOn: '2027-07-01', transitionEndsOn: '2027-10-08' } },
    );
    expect(started.errors).toBeUndefined();
    const cityExit = started.data!.startProviderExit.id;
    const cityMigrations = async () => {
      const body = await stack.query<{
        systemMigrations: { totalCount: number; edges: Array<{ node: { region: { code: string } } }> };
      }>(bureau, MIGRATIONS, { exitId: cityExit });
      expect(body.errors).toBeUndefined();
      return body.data!.systemMigrations;
    };
    const [{ hosted }] = await stack.dataSources.applications.query(
      `SELECT COUNT(*)::int AS hosted FROM applications.information_system
        WHERE provider_id = $1 AND deployment_mode <> 'EXEMPT' AND retired_on IS NULL`,
      [unicom.id],
    );
    const hostedInBoxing = stack.world.systems.filter(
      (system) => system.providerId === unicom.id && system.regionCode === '371625' && system.deploymentMode !== 'EXEMPT',
    ).length;
    await waitFor('the city-wide exit’s migrations to open', async () => (await cityMigrations()).totalCount > 0);
    // 博兴县's systems stay on the county exit's migrations; the city-wide exit opens everyone else's.
    const city = await cityMigrations();
    expect(city.totalCount).toBe(hosted - hostedInBoxing);
    expect(city.edges.some(({ node }) => node.region.code === '371625')).toBe(false);
    const [open] = await stack.dataSources.applications.query(
      `SELECT COUNT(*)::int AS migrations, COUNT(DISTINCT system_id)::int AS systems
         FROM applications.system_migration WHERE provider_id = $1 AND status = 'PENDING'`,
      [unicom.id],
    );
    expect(open).toEqual({ migrations: hosted, systems: hosted });
  });
});
