// SECURITY_AGREEMENT (第二十二条) across subgraphs: the bureau's accept asks the security subgraph,
// as the bureau, whether a signed cloud security agreement covers the application's system with its
// chosen provider. Without one, or with security unreachable, the accept is refused and nothing
// changes; a rejection needs no agreement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../subgraphs/kit/principal';
import { createTestDatabase, runAsOwner, type TestDatabase } from '../../setup/database';
import { bureau, userUnit, world } from '../../setup/principals';
import { postGraphQL, TEST_INTERNAL_SECRET, type SubgraphForTest } from '../../setup/subgraph';
import { startSubgraphs, type RunningSubgraphs } from '../../setup/subgraphs';
import { expectRefused, expectRefusedUnchanged, mutate } from './lifecycle-helpers';

let database: TestDatabase;
let running: RunningSubgraphs;
let applications: SubgraphForTest;

beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
  running = await startSubgraphs(database, ['applications', 'security', 'providers'], {
    internalTokenSecret: TEST_INTERNAL_SECRET,
    seed: true,
  });
  const url = running.urls.applications;
  applications = {
    url,
    dataSource: running.dataSources.applications!,
    asOwner: (sql) => runAsOwner(database, sql),
    query: (principal, query, variables) => postGraphQL(url, principal, query, variables),
    stop: async () => undefined,
  };
});

afterAll(async () => {
  await running?.stop();
  await database?.drop();
});

const byCode = (code: string) => world.applications.find((application) => application.code === code)!;
const ownerOf = (application: { unitId: string }) => userUnit(world.units.find((unit) => unit.id === application.unitId)!);
// Seeded: A-2026-0008 (city, submitted) has no agreement; the others awaiting a decision have one.
const unsigned = byCode('A-2026-0008');

async function versionOf(id: string): Promise<number> {
  const [row] = await applications.dataSource.query(`SELECT version FROM "applications"."application" WHERE id = $1`, [id]);
  return row.version as number;
}

const accept = async (id: string) =>
  mutate(applications, bureau, 'acceptApplication', 'id: $id, version: $version', { id, version: await versionOf(id) });

const security = <T>(principal: Principal, query: string, variables: Record<string, unknown>) =>
  postGraphQL<T>(running.urls.security, principal, query, variables);

const SIGN = `mutation ($input: SignSecurityAgreementInput!) { signSecurityAgreement(input: $input) { id status } }`;
const TERMINATE = `mutation ($id: ID!, $reason: String!) { terminateSecurityAgreement(id: $id, reason: $reason) { id status } }`;

describe('SECURITY_AGREEMENT with the security subgraph running', () => {
  it('the bureau cannot accept an application without a signed agreement; nothing changes', async () => {
    await expectRefusedUnchanged(
      applications,
      unsigned.id,
      () => accept(unsigned.id),
      'RULE_VIOLATION',
      'SECURITY_AGREEMENT',
      '第二十二条',
    );
    const refused = await accept(unsigned.id);
    expect(refused.errors![0]!.message).toContain('云安全协议');
    expect(refused.errors![0]!.extensions).toMatchObject({ systemId: unsigned.systemId, providerId: unsigned.providerId });
  });

  it('an agreement with another provider does not count', async () => {
    const other = world.providers.find((provider) => provider.id !== unsigned.providerId)!;
    const signed = await security(ownerOf(unsigned), SIGN, {
      input: {
        applicationId: unsigned.id,
        systemId: unsigned.systemId,
        providerId: other.id,
        number: '滨政云安〔2026〕0951号',
        signedOn: '2026-11-24',
      },
    });
    expect(signed.errors).toBeUndefined();
    await expectRefusedUnchanged(
      applications,
      unsigned.id,
      () => accept(unsigned.id),
      'RULE_VIOLATION',
      'SECURITY_AGREEMENT',
      '第二十二条',
    );
  });

  it('once the unit signs one with its chosen provider, the accept succeeds', async () => {
    const signed = await security(ownerOf(unsigned), SIGN, {
      input: { applicationId: unsigned.id, systemId: unsigned.systemId, number: '滨政云安〔2026〕0952号', signedOn: '2026-11-25' },
    });
    expect(signed.errors).toBeUndefined();
    const accepted = await accept(unsigned.id);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptApplication).toMatchObject({ status: 'ACCEPTED' });
  });

  it('a county application filed with a signed agreement is accepted; once the agreement is ended it is refused', async () => {
    const filed = byCode('A-2026-0009');
    expect(filed.securityAgreementId).not.toBeNull();
    const accepted = await accept(filed.id);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptApplication.status).toBe('ACCEPTED');

    const ended = byCode('A-2026-0010');
    const terminated = await security<{ terminateSecurityAgreement: { status: string } }>(bureau, TERMINATE, {
      id: ended.securityAgreementId,
      reason: '协议文本有误，待重新签订',
    });
    expect(terminated.data!.terminateSecurityAgreement.status).toBe('TERMINATED');
    await expectRefusedUnchanged(applications, ended.id, () => accept(ended.id), 'RULE_VIOLATION', 'SECURITY_AGREEMENT', '第二十二条');
  });
});

describe('SECURITY_AGREEMENT with the security subgraph down', () => {
  beforeAll(async () => {
    await running.stopSubgraph('security');
  });
  afterAll(async () => {
    await running.startSubgraph('security');
  });

  it('accepting is SERVICE_UNAVAILABLE, never a pass, and changes nothing — even with an agreement signed', async () => {
    const signedAlready = byCode('A-2026-0005');
    await expectRefusedUnchanged(applications, signedAlready.id, () => accept(signedAlready.id), 'SERVICE_UNAVAILABLE');
    const result = await accept(signedAlready.id);
    expectRefused(result, 'SERVICE_UNAVAILABLE');
    expect(result.errors![0]!.message).toContain('安全子图');
  });

  it('rejecting needs no agreement and goes through', async () => {
    const application = byCode('A-2026-0006');
    const rejected = await mutate(applications, bureau, 'rejectApplication', 'id: $id, version: $version, reason: $reason', {
      id: application.id,
      version: await versionOf(application.id),
      reason: '建设方案与资源申请表不一致',
    });
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data!.rejectApplication.status).toBe('REJECTED');
  });
});

describe('SECURITY_AGREEMENT once the security subgraph is back', () => {
  it('the same accept succeeds', async () => {
    const application = byCode('A-2026-0005');
    const accepted = await accept(application.id);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptApplication.status).toBe('ACCEPTED');
  });
});

describe('DESIGNATED_PROVIDER when the bureau accepts', () => {
  it('an application whose provider began to exit after the submission is refused, and nothing changes; its rejection still goes through', async () => {
    const pending = byCode('A-2026-0007');
    const started = await postGraphQL<{ startProviderExit: { status: string } }>(
      running.urls.providers,
      bureau,
      `mutation ($input: ProviderExitInput!) { startProviderExit(input: $input) { status } }`,
      { input: { providerId: pending.providerId, reason: 'OTHER', startedOn: '2026-11-26', transitionEndsOn: '2027-02-26' } },
    );
    expect(started.errors).toBeUndefined();
    await expectRefusedUnchanged(applications, pending.id, () => accept(pending.id), 'RULE_VIOLATION', 'DESIGNATED_PROVIDER', '第十一条');
    const rejected = await mutate(applications, bureau, 'rejectApplication', 'id: $id, version: $version, reason: $reason', {
      id: pending.id,
      version: await versionOf(pending.id),
      reason: '所选服务商正在退出，请改选服务商后重新提交',
    });
    expect(rejected.errors).toBeUndefined();
  });
});
