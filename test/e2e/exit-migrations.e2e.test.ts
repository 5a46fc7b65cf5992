// EXIT_TRANSITION_3M (第九条) across subgraphs, through the gateway: a provider's exit, started in the
// providers subgraph while the applications subgraph is down, opens a migration and a data
// clearance for every system the provider hosts once applications is back; the exit completes only
// when each is done, in order, by the roles that may do it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../integration/effects/helpers';
import { expectGatewayCode, expectGatewayRuleViolation } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;
let center: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
  center = await stack.token({ role: 'CENTER' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const START = `mutation($input: ProviderExitInput!) { startProviderExit(input: $input) { id status provider { status } } }`;
const COMPLETE = `mutation($id: ID!) { completeProviderExit(exitId: $id) { id status provider { status } } }`;
const EXIT = `query($id: ID!) {
  providerExit(id: $id) {
    status
    migrationProgress { opened total pending }
    systemMigrations(first: 100) {
      totalCount
      edges { node { id version status dueOn overdue region { code } system { id owner { id } } provider { id } } }
    }
  }
}`;
// None of the exiting provider's systems has an application in production: no lines to price (see exit-migration-fees.e2e.test.ts).
const MIGRATE = `mutation($id: ID!, $version: Int!, $target: ID!) {
  recordSystemMigrated(id: $id, version: $version, targetProviderId: $target, migratedOn: "2026-11-26", lines: []) {
    id version status migratedOn targetProvider { id } system { hostingProvider { id } }
  }
}`;
const SIGN = `mutation($input: SignSecurityAgreementInput!) { signSecurityAgreement(input: $input) { id } }`;
const CLEAR = `mutation($id: ID!, $version: Int!) { confirmMigrationDataClearance(id: $id, version: $version) { id version status } }`;

interface Migration {
  id: string;
  version: number;
  status: string;
  dueOn: string;
  overdue: boolean;
  region: { code: string };
  system: { id: string; owner: { id: string } };
  provider: { id: string };
}
interface ExitView {
  status: string;
  migrationProgress: { opened: boolean; total: number; pending: number };
  systemMigrations: { totalCount: number; edges: Array<{ node: Migration }> };
}

async function exitView(exitId: string): Promise<ExitView> {
  const result = await stack.query<{ providerExit: ExitView }>(bureau, EXIT, { id: exitId });
  expect(result.errors).toBeUndefined();
  return result.data!.providerExit;
}

describe('EXIT_TRANSITION_3M: migrations of every hosted system, across subgraphs', () => {
  it('an exit started while applications is down opens its migrations later, and completes only when all are done', async () => {
    const exiting = stack.world.providers.find((provider) => provider.code === 'P-UNICOM')!;
    const [{ hosted }] = await stack.dataSources.applications.query(
      `SELECT COUNT(*)::int AS hosted FROM "applications"."information_system"
        WHERE provider_id = $1 AND deployment_mode <> 'EXEMPT' AND retired_on IS NULL`,
      [exiting.id],
    );
    expect(hosted).toBeGreaterThan(0);

    await stack.stopSubgraph('applications');
    const started = await stack.query<{ startProviderExit: { id: string; status: string } }>(bureau, START, {
      input: { providerId: exiting.id, reason: 'EXPIRY', startedOn: '2026-11-26', transitionEndsOn: '2027-02-26' },
    });
    expect(started.errors).toBeUndefined();
    const exitId = started.data!.startProviderExit.id;
    // Without the applications subgraph's answer the exit cannot complete: never a guess.
    expectGatewayCode(await stack.query(center, COMPLETE, { id: exitId }), 'SERVICE_UNAVAILABLE');

    await stack.startSubgraph('applications');
    await waitFor('the exit migrations to open', async () => (await exitView(exitId)).migrationProgress.opened);
    const opened = await exitView(exitId);
    expect(opened.migrationProgress).toEqual({ opened: true, total: hosted, pending: hosted });
    expect(opened.systemMigrations.totalCount).toBe(hosted);
    const migrations = opened.systemMigrations.edges.map((edge) => edge.node);
    expect(migrations.every((m) => m.status === 'PENDING' && m.dueOn === '2027-02-26' && !m.overdue)).toBe(true);
    expect(migrations.every((m) => m.provider.id === exiting.id)).toBe(true);
    // 阳信县 has no other provider: its authority first signs with a city-designated one (COUNTY_MATCHES_CITY).
    await signCountyAgreementsWhereMissing(migrations);

    expectGatewayRuleViolation(await stack.query(center, COMPLETE, { id: exitId }), 'EXIT_TRANSITION_3M', '第九条', {
      pendingMigrationCount: hosted,
    });

    const first = migrations[0]!;
    const unitToken = await stack.token({ role: 'USER_UNIT', unit: first.system.owner.id, region: first.region.code });
    const exitingToken = await stack.token({ role: 'PROVIDER', provider: exiting.id });
    const countyToken = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371602' });
    const candidate = stack.world.providers.find((provider) => provider.status === 'CANDIDATE')!;
    const unchanged = async () => expect((await exitView(exitId)).systemMigrations.edges[0]!.node).toEqual(first);

    // Out of order, wrong target, wrong role: each refused, nothing changes.
    expectGatewayRuleViolation(await stack.query(exitingToken, CLEAR, { id: first.id, version: 1 }), 'EXIT_TRANSITION_3M', '第九条');
    expectGatewayRuleViolation(
      await stack.query(unitToken, MIGRATE, { id: first.id, version: 1, target: exiting.id }),
      'EXIT_TRANSITION_3M',
      '第九条',
    );
    expectGatewayRuleViolation(
      await stack.query(unitToken, MIGRATE, { id: first.id, version: 1, target: candidate.id }),
      'DESIGNATED_PROVIDER',
      '第十一条',
    );
    expectGatewayCode(await stack.query(exitingToken, MIGRATE, { id: first.id, version: 1, target: targetFor(first) }), 'FORBIDDEN');
    expectGatewayCode(await stack.query(countyToken, CLEAR, { id: first.id, version: 1 }), 'FORBIDDEN');
    await unchanged();

    // Without a security agreement with the new host the system does not move (SECURITY_AGREEMENT, 第二十二条).
    expectGatewayRuleViolation(
      await stack.query(unitToken, MIGRATE, { id: first.id, version: 1, target: targetFor(first) }),
      'SECURITY_AGREEMENT',
      '第二十二条',
    );
    await unchanged();

    // The unit signs with the new host and moves its own system; a stale version is a conflict; the exiting provider clears the data.
    await signWithNewHost(unitToken, first);
    const moved = await stack.query<{
      recordSystemMigrated: {
        version: number;
        migratedOn: string;
        targetProvider: { id: string };
        system: { hostingProvider: { id: string } };
      };
    }>(unitToken, MIGRATE, { id: first.id, version: 1, target: targetFor(first) });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.recordSystemMigrated).toMatchObject({
      version: 2,
      migratedOn: '2026-11-26',
      targetProvider: { id: targetFor(first) },
      system: { hostingProvider: { id: targetFor(first) } },
    });
    expectGatewayCode(await stack.query(exitingToken, CLEAR, { id: first.id, version: 1 }), 'CONFLICT');
    const cleared = await stack.query<{ confirmMigrationDataClearance: { status: string } }>(exitingToken, CLEAR, {
      id: first.id,
      version: 2,
    });
    expect(cleared.data?.confirmMigrationDataClearance.status).toBe('CLEARED');

    // The centre records the rest, each unit having signed with its system's new host.
    for (const migration of migrations.slice(1)) {
      const owner = await stack.token({ role: 'USER_UNIT', unit: migration.system.owner.id, region: migration.region.code });
      await signWithNewHost(owner, migration);
      const step = await stack.query(center, MIGRATE, { id: migration.id, version: 1, target: targetFor(migration) });
      expect(step.errors, migration.id).toBeUndefined();
      const clear = await stack.query(center, CLEAR, { id: migration.id, version: 2 });
      expect(clear.errors, migration.id).toBeUndefined();
    }
    expect((await exitView(exitId)).migrationProgress).toEqual({ opened: true, total: hosted, pending: 0 });

    const completed = await stack.query<{ completeProviderExit: { status: string; provider: { status: string } } }>(center, COMPLETE, {
      id: exitId,
    });
    expect(completed.errors).toBeUndefined();
    expect(completed.data!.completeProviderExit).toEqual({ id: exitId, status: 'COMPLETED', provider: { status: 'EXITED' } });
    const left = await stack.query<{ provider: { hostedSystems: { totalCount: number } } }>(
      bureau,
      `query($id: ID!) { provider(id: $id) { hostedSystems { totalCount } } }`,
      { id: exiting.id },
    );
    expect(left.data!.provider.hostedSystems.totalCount).toBe(0);
  }, 120_000);
});

const signed = new Map<string, string>();

/** The unit's security agreement for the system with its new host (第二十二条); these systems have no application to cite. */
async function signWithNewHost(unitToken: string, migration: Migration): Promise<void> {
  const result = await stack.query(unitToken, SIGN, {
    input: {
      applicationId: randomUUID(),
      systemId: migration.system.id,
      providerId: targetFor(migration),
      number: `迁移安全-${migration.id.slice(0, 8)}`,
      signedOn: '2026-11-26',
    },
  });
  expect(result.errors, migration.id).toBeUndefined();
}

async function signCountyAgreementsWhereMissing(migrations: readonly Migration[]): Promise<void> {
  const inspur = stack.world.providers.find((provider) => provider.code === 'P-INSPUR')!;
  const cityAgreement = stack.world.agreements.find(
    (a) => a.providerId === inspur.id && a.regionCode === '371600' && a.status === 'ACTIVE',
  )!;
  for (const regionCode of new Set(migrations.map((m) => m.region.code))) {
    if (agreementFor(regionCode, migrations[0]!.provider.id)) continue;
    const county = await stack.token({ role: 'COUNTY_AUTHORITY', region: regionCode });
    const result = await stack.query(county, `mutation($input: CountyAgreementInput!) { signCountyAgreement(input: $input) { id } }`, {
      input: { cityAgreementId: cityAgreement.id, regionCode, number: `迁移-${regionCode}`, signedOn: '2026-11-26' },
    });
    expect(result.errors).toBeUndefined();
    signed.set(regionCode, inspur.id);
  }
}

function agreementFor(regionCode: string, exitingProviderId: string): string | undefined {
  const agreement = stack.world.agreements.find(
    (candidate) =>
      candidate.providerId !== exitingProviderId &&
      candidate.regionCode === regionCode &&
      candidate.status === 'ACTIVE' &&
      candidate.startsOn <= '2026-11-26' &&
      '2026-11-26' <= candidate.endsOn &&
      stack.world.providers.some(
        // Designated, with its qualification holding: a lapsed one takes no systems (PROVIDER_QUALIFIED).
        (provider) =>
          provider.id === candidate.providerId && provider.status === 'DESIGNATED' && provider.qualificationValidUntil >= '2026-11-26',
      ),
  );
  return agreement?.providerId ?? signed.get(regionCode);
}

/** A designated provider other than the exiting one with an agreement in force at the system's level. */
function targetFor(migration: Migration): string {
  const target = agreementFor(migration.region.code, migration.provider.id);
  if (!target) throw new Error(`no other designated provider at ${migration.region.code}`);
  return target;
}
