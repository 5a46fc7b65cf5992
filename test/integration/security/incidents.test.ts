// INCIDENT_REPORT (第十八条) against the real security subgraph: who reports, what the cybersecurity
// authority sees at once, scope, refusals that change nothing, the timeline and its SQL cost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { CITY_REGION_CODE } from '../../../subgraphs/kit/regions';
import { buildIncidents } from '../../../seed/world/security-incidents';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import {
  BINCHENG,
  bureau,
  cityFinance,
  countyAuthority,
  cybersec,
  providerByCode,
  providerPrincipal,
  unitWithSystems,
  userUnit,
  world,
} from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});
afterAll(async () => {
  await subgraph?.stop();
});

const seeded = buildIncidents(world);
const provider = providerByCode('P-INSPUR');
const hosted = world.systems.filter((system) => system.providerId === provider.id && !system.retiredOn);
const notHosted = world.systems.find((system) => system.providerId && system.providerId !== provider.id)!;
const unit = unitWithSystems(BINCHENG, 1);
const ownSystem = world.systems.find((system) => system.unitId === unit.id)!;
const othersSystem = world.systems.find((system) => system.unitId !== unit.id)!;

const center: Principal = { subject: 'test-center', role: Role.CENTER };
const monitor: Principal = { subject: 'test-monitor', role: Role.MONITOR };

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const REPORT = `mutation ($input: SecurityIncidentInput!) {
  reportSecurityIncident(input: $input) {
    id status severity reporterRole version detectionToReportMinutes reportDeadlineMinutes reportedLate reportedAt
    provider { id } unit { id } region { code } affectedSystems { id }
    timeline { totalCount edges { node { seq status authorRole note } } }
  }
}`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $status: IncidentUpdateStatus!, $note: String!) {
  appendIncidentUpdate(incidentId: $id, version: $version, status: $status, note: $note) { id status version timeline { totalCount edges { node { seq status authorRole } } } }
}`;
const LIST = `query ($first: Int, $after: String, $lateOnly: Boolean) {
  securityIncidents(first: $first, after: $after, lateOnly: $lateOnly) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id reportedAt reportedLate severity region { code } unit { id } provider { id } affectedSystems { id } timeline { totalCount } } }
  }
}`;

interface Reported {
  id: string;
  status: string;
  version: number;
  detectionToReportMinutes: number;
  reportDeadlineMinutes: number | null;
  reportedLate: boolean;
  reportedAt: string;
  provider: { id: string } | null;
  unit: { id: string } | null;
  region: { code: string };
  affectedSystems: Array<{ id: string }>;
  timeline: { totalCount: number; edges: Array<{ node: { seq: number; status: string; authorRole: string } }> };
}
interface ListNode {
  id: string;
  reportedAt: string;
  reportedLate: boolean;
  severity: string;
  region: { code: string };
  unit: { id: string } | null;
  provider: { id: string } | null;
  affectedSystems: Array<{ id: string }>;
}
type List = {
  securityIncidents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: ListNode }> };
};

const tables = async () => ({
  incidents: await subgraph.dataSource.query(`SELECT * FROM security.security_incident ORDER BY id`),
  systems: await subgraph.dataSource.query(`SELECT * FROM security.incident_system ORDER BY incident_id, system_id`),
  updates: await subgraph.dataSource.query(`SELECT * FROM security.incident_update ORDER BY id`),
});

const onSystemInput = () => ({ title: '检查发现事件', description: '描述', severity: 'GENERAL', detectedAt: minutesAgo(1) });

const report = (principal: Principal, input: Record<string, unknown>) =>
  subgraph.query<{ reportSecurityIncident: Reported }>(principal, REPORT, { input });

describe('INCIDENT_REPORT: reporting', () => {
  it('a provider reports on its platform; the cybersecurity authority sees it at once, first in its list', async () => {
    const result = await report(providerPrincipal(provider), {
      title: '云平台存储节点异常访问',
      description: '发现异常访问，已封禁来源地址',
      severity: 'SERIOUS',
      detectedAt: minutesAgo(90),
      systemIds: hosted.slice(0, 2).map((system) => system.id),
    });
    expect(result.errors).toBeUndefined();
    const incident = result.data!.reportSecurityIncident;
    expect(incident).toMatchObject({
      status: 'REPORTED',
      version: 1,
      reportDeadlineMinutes: 60,
      reportedLate: true,
      provider: { id: provider.id },
      unit: null,
      region: { code: '371600' },
    });
    expect(incident.detectionToReportMinutes).toBeGreaterThanOrEqual(89);
    expect(incident.detectionToReportMinutes).toBeLessThanOrEqual(91);
    expect(incident.affectedSystems.map((system) => system.id).sort()).toEqual(
      hosted
        .slice(0, 2)
        .map((system) => system.id)
        .sort(),
    );
    expect(incident.timeline.edges.map((edge) => edge.node)).toEqual([
      { seq: 1, status: 'REPORTED', authorRole: 'PROVIDER', note: '发现异常访问，已封禁来源地址' },
    ]);

    const seen = await subgraph.query<List>(cybersec, LIST, { first: 1 });
    expect(seen.data!.securityIncidents.edges[0]!.node.id).toBe(incident.id);
  });

  it('a unit reports on its own system; region, unit and provider come from the system facts', async () => {
    const result = await report(userUnit(unit), {
      title: '系统登录异常',
      description: '多次暴力破解尝试',
      severity: 'GENERAL',
      detectedAt: minutesAgo(5),
      systemIds: [ownSystem.id],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.reportSecurityIncident).toMatchObject({
      unit: { id: unit.id },
      region: { code: unit.regionCode },
      provider: ownSystem.providerId ? { id: ownSystem.providerId } : null,
      reportDeadlineMinutes: null,
      reportedLate: false,
    });
  });

  it('the bureau, the centre and the monitoring agency report too (第十八条); the parties named see the report', async () => {
    const onPlatform = await report(monitor, {
      title: '监测发现平台流量异常',
      description: '出口流量突增',
      severity: 'LARGER',
      detectedAt: minutesAgo(10),
      providerId: provider.id,
    });
    expect(onPlatform.errors).toBeUndefined();
    const platformIncident = onPlatform.data!.reportSecurityIncident;
    expect(platformIncident).toMatchObject({
      reporterRole: 'MONITOR',
      provider: { id: provider.id },
      unit: null,
      region: { code: '371600' },
      affectedSystems: [],
      timeline: { edges: [{ node: { authorRole: 'MONITOR' } }] },
    });

    const onSystem = await report(center, {
      title: '运维巡检发现系统被植入网页木马',
      description: '已隔离',
      severity: 'SERIOUS',
      detectedAt: minutesAgo(30),
      systemIds: [ownSystem.id],
    });
    expect(onSystem.errors).toBeUndefined();
    const systemIncident = onSystem.data!.reportSecurityIncident;
    // The platform is the system's host; the report is the city's, reaching the unit and county through the system.
    expect(systemIncident).toMatchObject({
      reporterRole: 'CENTER',
      provider: ownSystem.providerId ? { id: ownSystem.providerId } : null,
      unit: null,
      region: { code: '371600' },
      affectedSystems: [{ id: ownSystem.id }],
    });
    const ids = async (principal: Principal) =>
      (await subgraph.query<List>(principal, LIST, { first: 100 })).data!.securityIncidents.edges.map((edge) => edge.node.id);
    expect(await ids(providerPrincipal(provider))).toContain(platformIncident.id);
    expect(await ids(userUnit(unit))).toContain(systemIncident.id);
    expect(await ids(userUnit(unit))).not.toContain(platformIncident.id);
    expect(await ids(countyAuthority(BINCHENG))).toContain(systemIncident.id);

    const byBureau = await report(bureau, { ...onSystemInput(), systemIds: [ownSystem.id] });
    expect(byBureau.data!.reportSecurityIncident).toMatchObject({ reporterRole: 'BUREAU', unit: null });

    // The monitoring agency follows up its own report; the centre may not write on it.
    const update = { id: platformIncident.id, version: 1, status: 'HANDLING', note: '流量已回落' };
    expect((await subgraph.query(monitor, UPDATE, update)).errors).toBeUndefined();
    expect((await subgraph.query(center, UPDATE, { ...update, version: 2 })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses bad reports and other people’s systems, changing nothing', async () => {
    const before = await tables();
    const base = { title: '事件', description: '描述', severity: 'LARGER', detectedAt: minutesAgo(10) };
    const refusals: Array<[Principal, Record<string, unknown>, string, string?]> = [
      [
        userUnit(unit),
        { ...base, detectedAt: new Date(Date.now() + 3_600_000).toISOString(), systemIds: [ownSystem.id] },
        'BAD_USER_INPUT',
        'detectedAt',
      ],
      [userUnit(unit), { ...base, detectedAt: '2026-11-26 09:00', systemIds: [ownSystem.id] }, 'BAD_USER_INPUT', 'detectedAt'],
      [userUnit(unit), { ...base, detectedAt: '1900-01-01T00:00:00Z', systemIds: [ownSystem.id] }, 'BAD_USER_INPUT', 'detectedAt'],
      [userUnit(unit), { ...base, systemIds: [] }, 'BAD_USER_INPUT', 'systemIds'],
      [userUnit(unit), { ...base, title: ' ', systemIds: [ownSystem.id] }, 'BAD_USER_INPUT', 'title'],
      // Someone else's system is answered like a missing one.
      [userUnit(unit), { ...base, systemIds: [othersSystem.id] }, 'NOT_FOUND'],
      [userUnit(unit), { ...base, systemIds: ['00000000-0000-4000-8000-000000000000'] }, 'NOT_FOUND'],
      [providerPrincipal(provider), { ...base, systemIds: [notHosted.id] }, 'NOT_FOUND'],
      [userUnit(unit), { ...base, providerId: provider.id, systemIds: [ownSystem.id] }, 'BAD_USER_INPUT', 'providerId'],
      // A city-wide reporter names the platform or the systems; the platform must host the systems.
      [bureau, base, 'BAD_USER_INPUT', 'systemIds'],
      [monitor, { ...base, providerId: provider.id, systemIds: [notHosted.id] }, 'BAD_USER_INPUT', 'providerId'],
      [center, { ...base, providerId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
      [cybersec, base, 'FORBIDDEN'],
      [countyAuthority(BINCHENG), base, 'FORBIDDEN'],
    ];
    for (const [principal, input, code, field] of refusals) {
      const result = await report(principal, input);
      expect(result.errors?.[0]?.extensions, `${principal.role} ${JSON.stringify(input)}`).toMatchObject({
        code,
        ...(field ? { field } : {}),
      });
    }
    expect(await tables()).toEqual(before);
  });
});

describe('INCIDENT_REPORT: the timeline', () => {
  it('the reporter and the authorities append updates; others may not; a stale version conflicts; resolved is final', async () => {
    const reported = await report(providerPrincipal(provider), {
      title: '平台漏洞',
      description: '发现高危漏洞',
      severity: 'LARGER',
      detectedAt: minutesAgo(20),
    });
    const id = reported.data!.reportSecurityIncident.id;
    const before = await tables();
    // Another provider and an unrelated unit do not see the incident: NOT_FOUND, as for a missing one.
    const stranger = providerPrincipal(providerByCode('P-CTYUN'));
    expect((await subgraph.query(stranger, UPDATE, { id, version: 1, status: 'HANDLING', note: 'x' })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await subgraph.query(userUnit(unit), UPDATE, { id, version: 1, status: 'HANDLING', note: 'x' })).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await subgraph.query(cityFinance, UPDATE, { id, version: 1, status: 'HANDLING', note: 'x' })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await subgraph.query(cybersec, UPDATE, { id, version: 9, status: 'HANDLING', note: 'x' })).errors?.[0]?.extensions?.code).toBe(
      'CONFLICT',
    );
    expect(await tables()).toEqual(before);

    const handling = await subgraph.query<{ appendIncidentUpdate: { status: string; version: number } }>(
      providerPrincipal(provider),
      UPDATE,
      {
        id,
        version: 1,
        status: 'HANDLING',
        note: '已打补丁',
      },
    );
    expect(handling.data!.appendIncidentUpdate).toMatchObject({ status: 'HANDLING', version: 2 });
    const resolved = await subgraph.query<{
      appendIncidentUpdate: {
        status: string;
        version: number;
        timeline: { edges: Array<{ node: { seq: number; status: string; authorRole: string } }> };
      };
    }>(cybersec, UPDATE, { id, version: 2, status: 'RESOLVED', note: '复核通过' });
    expect(resolved.data!.appendIncidentUpdate.timeline.edges.map((edge) => edge.node)).toEqual([
      { seq: 1, status: 'REPORTED', authorRole: 'PROVIDER' },
      { seq: 2, status: 'HANDLING', authorRole: 'PROVIDER' },
      { seq: 3, status: 'RESOLVED', authorRole: 'CYBERSEC' },
    ]);
    expect((await subgraph.query(bureau, UPDATE, { id, version: 3, status: 'HANDLING', note: 'x' })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('INCIDENT_REPORT: lists and scope', () => {
  it('the cybersecurity authority pages through every incident, newest first, with constant statements', async () => {
    const [{ n }] = await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM security.security_incident`);
    expect(n).toBeGreaterThanOrEqual(seeded.incidents.length);
    const counter = sqlCounterOf(subgraph.dataSource);
    const times: string[] = [];
    let after: string | null = null;
    const statements: number[] = [];
    for (;;) {
      counter.reset();
      const page: { data?: List | null } = await subgraph.query<List>(cybersec, LIST, { first: 2, after });
      statements.push(counter.count);
      const connection = page.data!.securityIncidents;
      expect(connection.totalCount).toBe(n);
      times.push(...connection.edges.map((edge) => edge.node.reportedAt));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(times).toHaveLength(n);
    expect(times).toEqual([...times].sort().reverse());
    counter.reset();
    await subgraph.query<List>(cybersec, LIST, { first: 100 });
    // Page, count, affected systems, timelines: the same for 2 rows as for all.
    expect(counter.count).toBe(statements[0]);
    expect(counter.count).toBe(4);
  });

  it('flags late reports and lists only them when asked', async () => {
    const late = await subgraph.query<List>(cybersec, LIST, { first: 100, lateOnly: true });
    expect(late.data!.securityIncidents.totalCount).toBeGreaterThan(0);
    expect(late.data!.securityIncidents.edges.every((edge) => edge.node.reportedLate)).toBe(true);
    const all = await subgraph.query<List>(cybersec, LIST, { first: 100 });
    expect(all.data!.securityIncidents.edges.filter((edge) => edge.node.reportedLate).length).toBe(late.data!.securityIncidents.totalCount);
  });

  it('a county sees its units’ reports and incidents touching its systems; a provider its own; finance none', async () => {
    const county = (await subgraph.query<List>(countyAuthority(BINCHENG), LIST, { first: 100 })).data!.securityIncidents;
    expect(county.totalCount).toBeGreaterThan(0);
    const countySystems = new Set(world.systems.filter((system) => system.regionCode === BINCHENG).map((system) => system.id));
    for (const { node } of county.edges) {
      expect(node.region.code === BINCHENG || node.affectedSystems.some((system) => countySystems.has(system.id))).toBe(true);
    }
    const mine = (await subgraph.query<List>(providerPrincipal(provider), LIST, { first: 100 })).data!.securityIncidents;
    expect(mine.totalCount).toBeGreaterThan(0);
    expect(mine.edges.every((edge) => edge.node.provider?.id === provider.id)).toBe(true);
    expect((await subgraph.query<List>(cityFinance, LIST, {})).data!.securityIncidents.totalCount).toBe(0);
  });

  it('a unit sees a provider’s incident that names its system', async () => {
    const touched = seeded.systems.find(
      (link) => seeded.incidents.find((incident) => incident.id === link.incidentId)!.reporterRole === 'PROVIDER',
    )!;
    const owner = world.units.find((candidate) => candidate.id === touched.unitId)!;
    const result = await subgraph.query<{ securityIncident: { id: string } | null }>(
      userUnit(owner),
      `query ($id: ID!) { securityIncident(id: $id) { id } }`,
      {
        id: touched.incidentId,
      },
    );
    expect(result.data!.securityIncident?.id).toBe(touched.incidentId);
  });

  it('a unit or county sees only its own systems among an incident’s affected systems; the city and the reporter all', async () => {
    const unitsOf = (incidentId: string) =>
      new Set(seeded.systems.filter((link) => link.incidentId === incidentId).map((link) => link.unitId));
    const shared = seeded.incidents.find((incident) => unitsOf(incident.id).size > 1)!;
    expect(shared).toBeDefined();
    const links = seeded.systems.filter((link) => link.incidentId === shared.id);
    const affected = async (principal: Principal) => {
      const result = await subgraph.query<{ securityIncident: { affectedSystems: Array<{ id: string }> } | null }>(
        principal,
        `query ($id: ID!) { securityIncident(id: $id) { affectedSystems { id } } }`,
        { id: shared.id },
      );
      return result.data!.securityIncident?.affectedSystems.map((system) => system.id).sort();
    };
    const idsWhere = (keep: (link: (typeof links)[number]) => boolean) =>
      links
        .filter(keep)
        .map((link) => link.systemId)
        .sort();
    for (const unitId of unitsOf(shared.id)) {
      const owner = world.units.find((candidate) => candidate.id === unitId)!;
      expect(await affected(userUnit(owner))).toEqual(idsWhere((link) => link.unitId === unitId));
    }
    for (const regionCode of new Set(links.map((link) => link.regionCode).filter((code) => code !== CITY_REGION_CODE))) {
      expect(await affected(countyAuthority(regionCode))).toEqual(idsWhere((link) => link.regionCode === regionCode));
    }
    expect(await affected(cybersec)).toEqual(idsWhere(() => true));
    if (shared.providerId) {
      const reporter = world.providers.find((candidate) => candidate.id === shared.providerId)!;
      expect(await affected(providerPrincipal(reporter))).toEqual(idsWhere(() => true));
    }
  });

  it('Provider and InformationSystem show their incidents with constant statements', async () => {
    const ENTITIES = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Provider { id securityIncidents { totalCount edges { node { id reportedAt } } } }
        ... on InformationSystem { id securityIncidents { totalCount } }
      }
    }`;
    const representations = (systems: number) => [
      ...world.providers.map((candidate) => ({ __typename: 'Provider', id: candidate.id })),
      ...world.systems.slice(0, systems).map((system) => ({ __typename: 'InformationSystem', id: system.id })),
    ];
    const counter = sqlCounterOf(subgraph.dataSource);
    counter.reset();
    await subgraph.query(bureau, ENTITIES, { representations: representations(5) });
    const few = counter.count;
    counter.reset();
    const result = await subgraph.query<{
      _entities: Array<{ id: string; securityIncidents: { totalCount: number; edges?: Array<{ node: { reportedAt: string } }> } }>;
    }>(bureau, ENTITIES, { representations: representations(world.systems.length) });
    expect(counter.count).toBe(few);
    // A page of the providers' incidents, and one of the systems' through their links.
    expect(few).toBe(2);
    const byProvider = result.data!._entities.find((entity) => entity.id === provider.id)!;
    const [{ n }] = await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM security.security_incident WHERE provider_id = $1`, [
      provider.id,
    ]);
    expect(byProvider.securityIncidents.totalCount).toBe(n);
    const times = byProvider.securityIncidents.edges!.map((edge) => edge.node.reportedAt);
    expect(times).toEqual([...times].sort().reverse());
    const touched = seeded.systems[0]!;
    const system = result.data!._entities.find((entity) => entity.id === touched.systemId)!;
    expect(system.securityIncidents.totalCount).toBeGreaterThan(0);
  });
});
