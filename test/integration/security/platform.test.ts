import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type GraphQLResult, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, cybersec, providerByCode, providerPrincipal, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const inspur = providerByCode('P-INSPUR');
const ctyun = providerByCode('P-CTYUN');
const unicom = providerByCode('P-UNICOM');
const cmcc = providerByCode('P-CMCC');

const TABLES = [
  'provider_security_profile',
  'platform_security_change',
  'disaster_recovery_drill',
  'security_bulletin',
  'security_bulletin_acknowledgement',
];

/** Every row of the platform-security tables, to prove a refused mutation changed nothing. */
async function snapshot(): Promise<unknown[]> {
  return Promise.all(TABLES.map((table) => subgraph.dataSource.query(`SELECT * FROM "security"."${table}" ORDER BY 1`)));
}

function expectCode(result: GraphQLResult, code: string): void {
  expect(result.errors?.[0]?.extensions).toMatchObject({ code });
}

const PROVIDERS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Provider {
      id
      securityProfile { version meetsArticle20 article20Gaps cybersecurityReviewValidUntil platformMlpsAssessedOn
        changes { totalCount edges { node { kind version recordedBy recordedByRole } } } }
      disasterRecoveryDrills { totalCount edges { node { drilledOn result rtoMinutes } } }
      lastDisasterRecoveryDrillOn
      drilledWithinLast12Months
      nextDisasterRecoveryDrillDueOn
      securityBulletins { totalCount edges { node { number acknowledgements { totalCount edges { node { provider { id } } } } } } }
      unacknowledgedSecurityBulletins { totalCount edges { node { id number } } }
    }
  }
}`;

interface ProviderView {
  id: string;
  securityProfile: {
    version: number;
    meetsArticle20: boolean;
    article20Gaps: string[];
    cybersecurityReviewValidUntil: string | null;
    changes: { totalCount: number; edges: Array<{ node: { kind: string; version: number; recordedBy: string } }> };
  } | null;
  disasterRecoveryDrills: { totalCount: number; edges: Array<{ node: { drilledOn: string } }> };
  lastDisasterRecoveryDrillOn: string | null;
  drilledWithinLast12Months: boolean | null;
  nextDisasterRecoveryDrillDueOn: string | null;
  securityBulletins: { totalCount: number; edges: Array<{ node: { number: string; acknowledgements: { totalCount: number } } }> };
  unacknowledgedSecurityBulletins: { totalCount: number; edges: Array<{ node: { id: string; number: string } }> };
}

async function providersAs(principal: Parameters<SubgraphForTest['query']>[0], ids: string[]): Promise<ProviderView[]> {
  const representations = ids.map((id) => ({ __typename: 'Provider', id }));
  const result = await subgraph.query<{ _entities: ProviderView[] }>(principal, PROVIDERS, { representations });
  expect(result.errors).toBeUndefined();
  return result.data!._entities;
}

const RECORD_MLPS = `mutation ($input: RecordPlatformMlpsInput!) {
  recordPlatformMlps(input: $input) { version platformMlpsLevel platformMlpsCertificateNo meetsArticle20 article20Gaps
    changes { totalCount edges { node { kind version platformMlpsLevel recordedBy recordedByRole recordedAt } } } }
}`;
const RECORD_REVIEW = `mutation ($input: RecordCybersecurityReviewInput!) {
  recordCybersecurityReview(input: $input) { version cybersecurityReviewValid cybersecurityReviewValidUntil meetsArticle20 article20Gaps }
}`;
const RECORD_DRILL = `mutation ($input: RecordDisasterRecoveryDrillInput!) {
  recordDisasterRecoveryDrill(input: $input) { id drilledOn provider { id } recordedBy }
}`;
const ISSUE = `mutation ($input: IssueSecurityBulletinInput!) {
  issueSecurityBulletin(input: $input) { id number toAllProviders addressee { id } issuer }
}`;
const ACKNOWLEDGE = `mutation ($id: ID!) {
  acknowledgeSecurityBulletin(id: $id) { id acknowledgements { totalCount edges { node { provider { id } acknowledgedAt acknowledgedBy } } } }
}`;

describe('provider platform security (第二十条)', () => {
  it('flags platforms that do not meet 第二十条 with their reasons, without blocking reads', async () => {
    const [a, b, c, d] = await providersAs(bureau, [inspur.id, ctyun.id, unicom.id, cmcc.id]);
    expect(a!.securityProfile).toMatchObject({ meetsArticle20: true, article20Gaps: [], version: 1 });
    // 天翼云's review lapsed on 2026-10-31; 移动云 never passed one.
    expect(b!.securityProfile).toMatchObject({ meetsArticle20: false, article20Gaps: ['CYBERSECURITY_REVIEW_EXPIRED'] });
    expect(c!.securityProfile).toMatchObject({ meetsArticle20: true, article20Gaps: [] });
    expect(d!.securityProfile).toMatchObject({ meetsArticle20: false, article20Gaps: ['CYBERSECURITY_REVIEW_MISSING'] });
    expect(a!.securityProfile!.changes.totalCount).toBe(1);
  });

  it('shows each designated provider’s drills, its last drill and whether one happened in the last 12 months', async () => {
    const [a, b, d] = await providersAs(cybersec, [inspur.id, ctyun.id, cmcc.id]);
    expect(a).toMatchObject({
      lastDisasterRecoveryDrillOn: '2026-06-18',
      drilledWithinLast12Months: true,
      nextDisasterRecoveryDrillDueOn: '2027-06-18',
    });
    expect(a!.disasterRecoveryDrills.edges.map((edge) => edge.node.drilledOn)).toEqual(['2025-11-12', '2026-06-18']);
    expect(b).toMatchObject({ lastDisasterRecoveryDrillOn: '2025-08-20', drilledWithinLast12Months: false });
    // A candidate has no drills yet: none in the last 12 months.
    expect(d).toMatchObject({ lastDisasterRecoveryDrillOn: null, drilledWithinLast12Months: false, nextDisasterRecoveryDrillDueOn: null });
  });

  it('resolves Provider references with the same SQL statements for 1 provider as for 24', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    counter.reset();
    await providersAs(bureau, [inspur.id]);
    const one = counter.count;
    counter.reset();
    const many = [...world.providers.map((provider) => provider.id), ...Array.from({ length: 20 }, () => randomUUID())];
    const views = await providersAs(bureau, many);
    expect(views.filter((view) => view.securityProfile)).toHaveLength(world.providers.length);
    expect(counter.count).toBe(one);
    // Profile, its changes, a page of drills, the last drill (one grouped statement), a page of bulletins, one of
    // those unacknowledged, and the acknowledgements.
    expect(one).toBe(7);
  });

  it('lets a provider read its own platform records but not another’s, and a county authority none', async () => {
    const [own, other] = await providersAs(providerPrincipal(unicom), [unicom.id, inspur.id]);
    expect(own!.disasterRecoveryDrills.totalCount).toBe(2);
    expect(own!.securityProfile!.changes.totalCount).toBe(1);
    expect(own!.unacknowledgedSecurityBulletins.totalCount).toBe(1);
    expect(other).toMatchObject({
      securityProfile: null,
      disasterRecoveryDrills: { totalCount: 0 },
      lastDisasterRecoveryDrillOn: null,
      drilledWithinLast12Months: null,
      securityBulletins: { totalCount: 0 },
    });
    const [county] = await providersAs(countyAuthority(BINCHENG), [inspur.id]);
    expect(county!.securityProfile!.meetsArticle20).toBe(true);
    expect(county).toMatchObject({
      disasterRecoveryDrills: { totalCount: 0 },
      securityBulletins: { totalCount: 0 },
      drilledWithinLast12Months: null,
    });
    expect(county!.securityProfile!.changes.totalCount).toBe(0);
  });
});

describe('recording the platform’s MLPS level and review (第二十条)', () => {
  const mlpsInput = {
    providerId: unicom.id,
    version: 1,
    level: 3,
    certificateNo: '37160099001-26011',
    filedOn: '2026-09-01',
    assessedOn: '2026-10-20',
    assessmentConclusion: 'EXCELLENT',
  };

  it('refuses a provider recording its own MLPS level or review, changing nothing', async () => {
    const before = await snapshot();
    expectCode(await subgraph.query(providerPrincipal(unicom), RECORD_MLPS, { input: mlpsInput }), 'FORBIDDEN');
    expectCode(
      await subgraph.query(providerPrincipal(ctyun), RECORD_REVIEW, {
        input: { providerId: ctyun.id, version: 1, passedOn: '2026-11-01' },
      }),
      'FORBIDDEN',
    );
    expectCode(await subgraph.query(countyAuthority(BINCHENG), RECORD_MLPS, { input: mlpsInput }), 'FORBIDDEN');
    expect(await snapshot()).toEqual(before);
  });

  it('keeps who recorded each change and when, and refuses a stale version with CONFLICT', async () => {
    const result = await subgraph.query<{
      recordPlatformMlps: { version: number; changes: { edges: Array<{ node: Record<string, unknown> }> } };
    }>(bureau, RECORD_MLPS, { input: mlpsInput });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordPlatformMlps).toMatchObject({
      version: 2,
      platformMlpsLevel: 3,
      platformMlpsCertificateNo: '37160099001-26011',
    });
    const latest = result.data!.recordPlatformMlps.changes.edges.at(-1)!.node;
    expect(latest).toMatchObject({ kind: 'PLATFORM_MLPS', version: 2, recordedBy: bureau.subject, recordedByRole: 'BUREAU' });
    expect(Date.parse(latest.recordedAt as string)).toBeGreaterThan(Date.now() - 60_000);

    const before = await snapshot();
    expectCode(await subgraph.query(cybersec, RECORD_MLPS, { input: { ...mlpsInput, level: 4 } }), 'CONFLICT');
    expect(await snapshot()).toEqual(before);
  });

  it('records a renewed review, after which the platform meets 第二十条 again', async () => {
    const result = await subgraph.query<{ recordCybersecurityReview: Record<string, unknown> }>(cybersec, RECORD_REVIEW, {
      input: { providerId: ctyun.id, version: 1, passedOn: '2026-11-20' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordCybersecurityReview).toMatchObject({
      version: 2,
      cybersecurityReviewValid: true,
      cybersecurityReviewValidUntil: '2029-11-20',
      meetsArticle20: true,
      article20Gaps: [],
    });
  });

  it('MLPS_PLATFORM_LEVEL: refuses lowering a platform below a system it hosts, changing nothing', async () => {
    const systemById = new Map(world.systems.map((system) => [system.id, system]));
    const hostedLevel4 = world.mlpsRecords.filter(
      (record) => record.grade === 4 && systemById.get(record.systemId)?.providerId === inspur.id,
    );
    expect(hostedLevel4.length).toBeGreaterThan(0);
    const before = await snapshot();
    const result = await subgraph.query(bureau, RECORD_MLPS, {
      input: { providerId: inspur.id, version: 1, level: 3, certificateNo: '37160099001-21001', filedOn: '2021-03-18' },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'MLPS_PLATFORM_LEVEL', article: '第二十一条' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('disaster-recovery drills (第二十条)', () => {
  const drill = { drilledOn: '2026-11-20', scenario: '同城灾备中心切换演练', rtoMinutes: 25, rpoMinutes: 0, result: 'PASSED' };

  it('a provider records drills only for its own platform; other roles cannot record them', async () => {
    const before = await snapshot();
    expectCode(await subgraph.query(bureau, RECORD_DRILL, { input: drill }), 'FORBIDDEN');
    expectCode(await subgraph.query(cybersec, RECORD_DRILL, { input: drill }), 'FORBIDDEN');
    expectCode(
      await subgraph.query(providerPrincipal(ctyun), RECORD_DRILL, { input: { ...drill, drilledOn: '2026-12-01' } }),
      'BAD_USER_INPUT',
    );
    expect(await snapshot()).toEqual(before);

    const result = await subgraph.query<{ recordDisasterRecoveryDrill: { provider: { id: string } } }>(
      providerPrincipal(ctyun),
      RECORD_DRILL,
      {
        input: drill,
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordDisasterRecoveryDrill.provider.id).toBe(ctyun.id);
    const [own, other] = await providersAs(bureau, [ctyun.id, inspur.id]);
    expect(own).toMatchObject({
      lastDisasterRecoveryDrillOn: '2026-11-20',
      drilledWithinLast12Months: true,
      disasterRecoveryDrills: { totalCount: 2 },
    });
    expect(other!.disasterRecoveryDrills.totalCount).toBe(2);
  });
});

describe('security bulletins (第二十条)', () => {
  it('only CYBERSEC or BUREAU issue bulletins; a provider cannot, and nothing changes', async () => {
    const before = await snapshot();
    const input = { title: '漏洞预警', content: '请排查。', severity: 'MEDIUM' };
    expectCode(await subgraph.query(providerPrincipal(unicom), ISSUE, { input }), 'FORBIDDEN');
    expectCode(await subgraph.query(countyAuthority(BINCHENG), ISSUE, { input }), 'FORBIDDEN');
    expectCode(await subgraph.query(bureau, ISSUE, { input: { ...input, providerId: randomUUID() } }), 'NOT_FOUND');
    expect(await snapshot()).toEqual(before);
  });

  it('a bulletin to one provider is seen and acknowledged by that provider only', async () => {
    const issued = await subgraph.query<{ issueSecurityBulletin: { id: string; number: string } }>(cybersec, ISSUE, {
      input: { title: '关于云管平台高危漏洞的通报', content: '请于 3 日内完成修补并报告。', severity: 'CRITICAL', providerId: ctyun.id },
    });
    expect(issued.errors).toBeUndefined();
    const { id, number } = issued.data!.issueSecurityBulletin;
    expect(number).toBe('滨政云安通〔2026〕002号');

    // Another provider neither sees it nor may acknowledge it.
    expect(await subgraph.query(providerPrincipal(unicom), `query ($id: ID!) { securityBulletin(id: $id) { id } }`, { id })).toEqual({
      status: 200,
      data: { securityBulletin: null },
    });
    const listed = await subgraph.query<{ securityBulletins: { totalCount: number } }>(
      providerPrincipal(unicom),
      `{ securityBulletins { totalCount } }`,
    );
    expect(listed.data!.securityBulletins.totalCount).toBe(1);
    const before = await snapshot();
    // To the other provider the bulletin is as good as missing; the bureau may not acknowledge at all.
    expectCode(await subgraph.query(providerPrincipal(unicom), ACKNOWLEDGE, { id }), 'NOT_FOUND');
    expectCode(await subgraph.query(bureau, ACKNOWLEDGE, { id }), 'FORBIDDEN');
    expect(await snapshot()).toEqual(before);

    const [pending] = await providersAs(providerPrincipal(ctyun), [ctyun.id]);
    expect(pending!.unacknowledgedSecurityBulletins.edges.map((edge) => edge.node.id)).toContain(id);

    const acknowledged = await subgraph.query<{
      acknowledgeSecurityBulletin: { acknowledgements: { edges: Array<{ node: { acknowledgedAt: string } }> } };
    }>(providerPrincipal(ctyun), ACKNOWLEDGE, { id });
    expect(acknowledged.errors).toBeUndefined();
    const first = acknowledged.data!.acknowledgeSecurityBulletin.acknowledgements.edges;
    expect(first).toHaveLength(1);
    const again = await subgraph.query<typeof acknowledged.data>(providerPrincipal(ctyun), ACKNOWLEDGE, { id });
    expect(again.data!.acknowledgeSecurityBulletin.acknowledgements.edges).toEqual(first);

    const [done] = await providersAs(providerPrincipal(ctyun), [ctyun.id]);
    expect(done!.unacknowledgedSecurityBulletins.edges.map((edge) => edge.node.id)).not.toContain(id);
  });

  it('a bulletin to all is listed for every provider until it acknowledges; city roles see all, a county none', async () => {
    const views = await providersAs(cybersec, [inspur.id, unicom.id]);
    // The seeded bulletin to all: 浪潮云 acknowledged it, 联通云 has not.
    expect(views[0]!.unacknowledgedSecurityBulletins.totalCount).toBe(0);
    expect(views[1]!.unacknowledgedSecurityBulletins.edges.map((edge) => edge.node.number)).toEqual(['滨政云安通〔2026〕001号']);
    const all = await subgraph.query<{ securityBulletins: { totalCount: number } }>(bureau, `{ securityBulletins { totalCount } }`);
    expect(all.data!.securityBulletins.totalCount).toBe(2);
    const county = await subgraph.query<{ securityBulletins: { totalCount: number } }>(
      countyAuthority(BINCHENG),
      `{ securityBulletins { totalCount } }`,
    );
    expect(county.data!.securityBulletins.totalCount).toBe(0);
  });
});
