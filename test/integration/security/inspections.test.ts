// INSPECTION_RECTIFY (第十九条) against the real security subgraph: who records inspections and moves
// rectifications, scope, refusals that change nothing, the overdue list and its SQL cost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { buildInspections, inspectedSystemOf } from '../../../seed/world/security-inspections';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, cityFinance, countyAuthority, cybersec, providerPrincipal, userUnit, world } from '../../setup/principals';

const TODAY = '2026-11-26';
let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});
afterAll(async () => {
  await subgraph?.stop();
});

const seeded = buildInspections(world);
const citySystem = inspectedSystemOf(world, '371600');
const cityUnit = world.units.find((unit) => unit.id === citySystem.unitId)!;
const platformInspection = seeded.inspections.find((inspection) => inspection.targetKind === 'PLATFORM')!;
const platformProvider = world.providers.find((provider) => provider.id === platformInspection.providerId)!;
const center: Principal = { subject: 'test-center', role: Role.CENTER };
const auditor: Principal = { subject: 'test-auditor', role: Role.AUDITOR };

const tables = async () => ({
  inspections: await subgraph.dataSource.query(`SELECT * FROM security.security_inspection ORDER BY id`),
  findings: await subgraph.dataSource.query(`SELECT * FROM security.inspection_finding ORDER BY id`),
});

const RECORD = `mutation ($input: SecurityInspectionInput!) {
  recordSecurityInspection(input: $input) {
    id targetKind recordedBy jointWith conductedOn region { code } unit { id } provider { id } system { id }
    findings { totalCount edges { node { id seq severity rectification { ownerKind ownerUnit { id } ownerProvider { id } status deadline overdue version } } } }
  }
}`;
const FINDING = `rectification { status version overdue submissionNote returnReason verificationNote closedAt }`;
const SUBMIT = `mutation ($id: ID!, $version: Int!, $note: String!) { submitRectification(findingId: $id, version: $version, note: $note) { id ${FINDING} } }`;
const CLOSE = `mutation ($id: ID!, $version: Int!) { closeRectification(findingId: $id, version: $version, note: "复查通过") { id ${FINDING} } }`;
const RETURN = `mutation ($id: ID!, $version: Int!, $reason: String!) { returnRectification(findingId: $id, version: $version, reason: $reason) { id ${FINDING} } }`;

type Recorded = {
  recordSecurityInspection: {
    id: string;
    targetKind: string;
    recordedBy: string;
    jointWith: string;
    region: { code: string };
    unit: { id: string } | null;
    provider: { id: string } | null;
    system: { id: string } | null;
    findings: {
      totalCount: number;
      edges: Array<{
        node: {
          id: string;
          seq: number;
          severity: string;
          rectification: { ownerKind: string; ownerUnit: { id: string } | null; status: string; overdue: boolean; version: number };
        };
      }>;
    };
  };
};
type Step = { id: string; rectification: { status: string; version: number; overdue: boolean } };

const systemInput = (findings: Array<{ severity: string; description: string; deadline: string }>) => ({
  targetKind: 'SYSTEM',
  systemId: citySystem.id,
  conductedOn: '2026-11-20',
  scope: '访问控制与数据备份',
  findings,
});

async function recordOn(principal: Principal, input: Record<string, unknown>) {
  return subgraph.query<Recorded>(principal, RECORD, { input });
}

describe('INSPECTION_RECTIFY: recording inspections', () => {
  it('the bureau records a system inspection; unit, region and provider come from the system facts', async () => {
    const result = await recordOn(
      bureau,
      systemInput([
        { severity: 'HIGH', description: '存在弱口令', deadline: '2026-12-20' },
        { severity: 'LOW', description: '日志保存不足', deadline: '2026-11-21' },
      ]),
    );
    expect(result.errors).toBeUndefined();
    const inspection = result.data!.recordSecurityInspection;
    expect(inspection).toMatchObject({
      targetKind: 'SYSTEM',
      recordedBy: 'BUREAU',
      jointWith: 'CYBERSEC',
      region: { code: citySystem.regionCode },
      unit: { id: citySystem.unitId },
      provider: { id: citySystem.providerId },
      system: { id: citySystem.id },
    });
    expect(inspection.findings.totalCount).toBe(2);
    const [high, low] = inspection.findings.edges.map((edge) => edge.node);
    expect(high!.rectification).toMatchObject({
      ownerKind: 'UNIT',
      ownerUnit: { id: citySystem.unitId },
      status: 'OPEN',
      version: 1,
      overdue: false,
    });
    // Deadline 2026-11-21 is before the pinned today.
    expect(low!.rectification.overdue).toBe(true);
  });

  it('the cybersecurity authority records a platform inspection, owned by the provider', async () => {
    const result = await recordOn(cybersec, {
      targetKind: 'PLATFORM',
      providerId: platformProvider.id,
      conductedOn: '2026-11-25',
      scope: '云平台边界防护',
      findings: [{ severity: 'MEDIUM', description: '防火墙策略过宽', deadline: '2026-12-31' }],
    });
    expect(result.errors).toBeUndefined();
    const inspection = result.data!.recordSecurityInspection;
    expect(inspection).toMatchObject({ recordedBy: 'CYBERSEC', jointWith: 'BUREAU', region: { code: '371600' }, unit: null, system: null });
    expect(inspection.findings.edges[0]!.node.rectification.ownerKind).toBe('PROVIDER');
  });

  it('the centre records an inspection with the cybersecurity authority and verifies its rectification (第十九条)', async () => {
    const result = await recordOn(center, systemInput([{ severity: 'MEDIUM', description: '补丁未及时更新', deadline: '2026-12-15' }]));
    expect(result.errors).toBeUndefined();
    const inspection = result.data!.recordSecurityInspection;
    expect(inspection).toMatchObject({ recordedBy: 'CENTER', jointWith: 'CYBERSEC', unit: { id: citySystem.unitId } });
    const findingId = inspection.findings.edges[0]!.node.id;
    const owner = userUnit(cityUnit);
    expect((await subgraph.query(owner, SUBMIT, { id: findingId, version: 1, note: '已更新补丁' })).errors).toBeUndefined();
    const closed = await subgraph.query<{ closeRectification: Step }>(center, CLOSE, { id: findingId, version: 2 });
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeRectification.rectification).toMatchObject({ status: 'CLOSED', version: 3 });
  });

  it('no other role records an inspection, and bad input is refused; nothing changes', async () => {
    const before = await tables();
    const valid = systemInput([{ severity: 'HIGH', description: '问题', deadline: '2026-12-01' }]);
    for (const principal of [auditor, userUnit(cityUnit), providerPrincipal(platformProvider), countyAuthority(BINCHENG)]) {
      expect((await recordOn(principal, valid)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const refusals: Array<[Record<string, unknown>, string, string?]> = [
      [systemInput([{ severity: 'HIGH', description: '问题', deadline: '2026-11-19' }]), 'BAD_USER_INPUT', 'findings[0].deadline'],
      [systemInput([{ severity: 'HIGH', description: '  ', deadline: '2026-12-01' }]), 'BAD_USER_INPUT', 'findings[0].description'],
      [{ ...valid, conductedOn: '2026-11-27' }, 'BAD_USER_INPUT', 'conductedOn'],
      [{ ...valid, conductedOn: '2026-02-30' }, 'BAD_USER_INPUT', 'conductedOn'],
      [{ ...valid, conductedOn: '1990-01-01' }, 'BAD_USER_INPUT', 'conductedOn'],
      [{ ...valid, targetKind: 'PLATFORM', providerId: platformProvider.id }, 'BAD_USER_INPUT', 'systemId'],
      [{ ...valid, systemId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
      [
        { targetKind: 'PLATFORM', providerId: '00000000-0000-4000-8000-000000000000', conductedOn: '2026-11-20', scope: 'x', findings: [] },
        'NOT_FOUND',
      ],
    ];
    for (const [input, code, field] of refusals) {
      const result = await recordOn(bureau, input);
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code, ...(field ? { field } : {}) });
    }
    expect(await tables()).toEqual(before);
  });
});

describe('INSPECTION_RECTIFY: the rectification steps', () => {
  it('the inspected unit cannot close its rectification; it submits, the inspecting side sends back, then verifies and closes', async () => {
    const recorded = await recordOn(cybersec, systemInput([{ severity: 'HIGH', description: '未开启审计', deadline: '2026-12-10' }]));
    const findingId = recorded.data!.recordSecurityInspection.findings.edges[0]!.node.id;
    const owner = userUnit(cityUnit);

    const before = await tables();
    const closedByOwner = await subgraph.query(owner, CLOSE, { id: findingId, version: 1 });
    expect(closedByOwner.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'INSPECTION_RECTIFY',
      article: '第十九条',
    });
    expect((await subgraph.query(owner, RETURN, { id: findingId, version: 1, reason: 'x' })).errors?.[0]?.extensions?.rule).toBe(
      'INSPECTION_RECTIFY',
    );
    // Nothing to verify yet: closing an OPEN rectification breaks the rule too.
    expect((await subgraph.query(bureau, CLOSE, { id: findingId, version: 1 })).errors?.[0]?.extensions).toMatchObject({
      rule: 'INSPECTION_RECTIFY',
      status: 'OPEN',
    });
    // Only the owner submits (another unit does not see the finding); a stale version is a conflict.
    const otherUnit = world.units.find((unit) => unit.id !== cityUnit.id)!;
    expect(
      (await subgraph.query(userUnit(otherUnit), SUBMIT, { id: findingId, version: 1, note: '已整改' })).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    expect((await subgraph.query(bureau, SUBMIT, { id: findingId, version: 1, note: '已整改' })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await subgraph.query(owner, SUBMIT, { id: findingId, version: 7, note: '已整改' })).errors?.[0]?.extensions?.code).toBe(
      'CONFLICT',
    );
    expect((await subgraph.query(owner, SUBMIT, { id: findingId, version: 1, note: ' ' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'note',
    });
    expect(await tables()).toEqual(before);

    const submitted = await subgraph.query<{ submitRectification: Step }>(owner, SUBMIT, { id: findingId, version: 1, note: '已开启审计' });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitRectification.rectification).toMatchObject({
      status: 'SUBMITTED',
      version: 2,
      submissionNote: '已开启审计',
    });

    const sentBack = await subgraph.query<{ returnRectification: Step }>(cybersec, RETURN, {
      id: findingId,
      version: 2,
      reason: '审计范围不全',
    });
    expect(sentBack.data!.returnRectification.rectification).toMatchObject({ status: 'OPEN', version: 3, returnReason: '审计范围不全' });

    await subgraph.query(owner, SUBMIT, { id: findingId, version: 3, note: '已全量开启' });
    expect((await subgraph.query(owner, CLOSE, { id: findingId, version: 4 })).errors?.[0]?.extensions?.rule).toBe('INSPECTION_RECTIFY');
    const closed = await subgraph.query<{ closeRectification: Step }>(bureau, CLOSE, { id: findingId, version: 4 });
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeRectification.rectification).toMatchObject({ status: 'CLOSED', version: 5, verificationNote: '复查通过' });
    const [row] = await subgraph.dataSource.query(`SELECT status, submitted_by, closed_by FROM security.inspection_finding WHERE id = $1`, [
      findingId,
    ]);
    expect(row).toEqual({ status: 'CLOSED', submitted_by: owner.subject, closed_by: bureau.subject });
  });

  it('a provider submits its platform rectification but cannot close it', async () => {
    const open = seeded.findings.find((finding) => finding.ownerKind === 'PROVIDER' && finding.status === 'OPEN')!;
    const provider = providerPrincipal(platformProvider);
    expect(
      (await subgraph.query(provider, SUBMIT, { id: open.id, version: open.version, note: '已启用双因素认证' })).errors,
    ).toBeUndefined();
    const refused = await subgraph.query(provider, CLOSE, { id: open.id, version: open.version + 1 });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'INSPECTION_RECTIFY', article: '第十九条' });
    expect(refused.errors?.[0]?.message).toContain('第十九条');
  });
});

type FindingsPage = {
  overdueRectifications: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: {
        id: string;
        inspection: { id: string; region: { code: string } };
        rectification: { deadline: string; overdue: boolean; status: string };
      };
    }>;
  };
};
const OVERDUE = `query ($first: Int, $after: String) {
  overdueRectifications(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id inspection { id region { code } } rectification { deadline overdue status } } }
  }
}`;

describe('INSPECTION_RECTIFY: overdue rectifications', () => {
  it('lists every rectification past its deadline and not closed, page by page, as SQL counts them', async () => {
    const [{ n }] = await subgraph.dataSource.query(
      `SELECT count(*)::int AS n FROM security.inspection_finding WHERE status <> 'CLOSED' AND deadline < $1::date`,
      [TODAY],
    );
    expect(n).toBeGreaterThanOrEqual(2);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: FindingsPage | null } = await subgraph.query<FindingsPage>(cybersec, OVERDUE, { first: 1, after });
      const connection = page.data!.overdueRectifications;
      expect(connection.totalCount).toBe(n);
      for (const { node } of connection.edges) {
        expect(node.rectification.overdue).toBe(true);
        expect(node.rectification.status).not.toBe('CLOSED');
        expect(node.rectification.deadline < TODAY).toBe(true);
        seen.push(node.id);
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(n);
    expect(new Set(seen).size).toBe(n);
  });

  it('costs the same statements for one row as for all', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    counter.reset();
    await subgraph.query(cybersec, OVERDUE, { first: 1 });
    const one = counter.count;
    counter.reset();
    const all = await subgraph.query<FindingsPage>(cybersec, OVERDUE, { first: 100 });
    expect(all.data!.overdueRectifications.edges.length).toBeGreaterThan(1);
    // The page, its count, the inspections of all its findings.
    expect(counter.count).toBe(one);
    expect(one).toBe(3);
  });

  it('is scoped: a county sees its own county’s, finance none', async () => {
    const county = await subgraph.query<FindingsPage>(countyAuthority(BINCHENG), OVERDUE, { first: 100 });
    const [{ n }] = await subgraph.dataSource.query(
      `SELECT count(*)::int AS n FROM security.inspection_finding WHERE status <> 'CLOSED' AND deadline < $1::date AND region_code = $2`,
      [TODAY, BINCHENG],
    );
    expect(county.data!.overdueRectifications.totalCount).toBe(n);
    expect(county.data!.overdueRectifications.edges.every((edge) => edge.node.inspection.region.code === BINCHENG)).toBe(true);
    expect((await subgraph.query<FindingsPage>(cityFinance, OVERDUE, {})).data!.overdueRectifications.totalCount).toBe(0);
  });
});

describe('INSPECTION_RECTIFY: scope and the extended entities', () => {
  const LIST = `{ securityInspections(first: 100) { totalCount edges { node { id targetKind unit { id } provider { id } region { code } } } } }`;
  type List = {
    securityInspections: {
      totalCount: number;
      edges: Array<{ node: { id: string; unit: { id: string } | null; provider: { id: string } | null; region: { code: string } } }>;
    };
  };

  it('the city sees every inspection, newest first; a unit its own systems’; a provider its platform’s', async () => {
    type Dated = { securityInspections: { totalCount: number; edges: Array<{ node: { conductedOn: string } }> } };
    const all = await subgraph.query<Dated>(auditor, `{ securityInspections(first: 100) { totalCount edges { node { conductedOn } } } }`);
    const dates = all.data!.securityInspections.edges.map((edge) => edge.node.conductedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    const [{ n }] = await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM security.security_inspection`);
    expect(all.data!.securityInspections.totalCount).toBe(n);

    const asUnit = await subgraph.query<List>(userUnit(cityUnit), LIST);
    expect(asUnit.data!.securityInspections.totalCount).toBeGreaterThan(0);
    expect(asUnit.data!.securityInspections.edges.every((edge) => edge.node.unit?.id === cityUnit.id)).toBe(true);

    const asProvider = await subgraph.query<List>(providerPrincipal(platformProvider), LIST);
    expect(asProvider.data!.securityInspections.totalCount).toBeGreaterThan(0);
    expect(asProvider.data!.securityInspections.edges.every((edge) => edge.node.provider?.id === platformProvider.id)).toBe(true);
    expect((await subgraph.query<List>(cityFinance, LIST)).data!.securityInspections.totalCount).toBe(0);
  });

  it('a lookup outside the scope answers exactly like a missing one: null', async () => {
    const query = `query ($id: ID!) { securityInspection(id: $id) { id } }`;
    const hidden = await subgraph.query(countyAuthority(BINCHENG), query, { id: platformInspection.id });
    expect(hidden).toEqual(await subgraph.query(countyAuthority(BINCHENG), query, { id: '00000000-0000-4000-8000-000000000000' }));
    expect(hidden).toEqual({ status: 200, data: { securityInspection: null } });
  });

  it('Provider and InformationSystem show their open rectifications with constant statements', async () => {
    const ENTITIES = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Provider { id openRectifications { totalCount edges { node { id rectification { status ownerKind } } } } }
        ... on InformationSystem { id openRectifications { totalCount } }
      }
    }`;
    const representations = (systems: number) => [
      ...world.providers.map((provider) => ({ __typename: 'Provider', id: provider.id })),
      ...world.systems.slice(0, systems).map((system) => ({ __typename: 'InformationSystem', id: system.id })),
    ];
    const counter = sqlCounterOf(subgraph.dataSource);
    counter.reset();
    await subgraph.query(bureau, ENTITIES, { representations: representations(10) });
    const few = counter.count;
    counter.reset();
    const result = await subgraph.query<{
      _entities: Array<{
        id: string;
        openRectifications: { totalCount: number; edges?: Array<{ node: { rectification: { status: string; ownerKind: string } } }> };
      }>;
    }>(bureau, ENTITIES, { representations: [...representations(world.systems.length)] });
    expect(counter.count).toBe(few);
    expect(few).toBe(2);
    const provider = result.data!._entities.find((entity) => entity.id === platformProvider.id)!;
    expect(provider.openRectifications.totalCount).toBeGreaterThan(0);
    for (const edge of provider.openRectifications.edges!) {
      expect(edge.node.rectification.status).not.toBe('CLOSED');
      expect(edge.node.rectification.ownerKind).toBe('PROVIDER');
    }
    const system = result.data!._entities.find((entity) => entity.id === citySystem.id)!;
    const [{ n }] = await subgraph.dataSource.query(
      `SELECT count(*)::int AS n FROM security.inspection_finding WHERE system_id = $1 AND status <> 'CLOSED'`,
      [citySystem.id],
    );
    expect(system.openRectifications.totalCount).toBe(n);
  });
});
