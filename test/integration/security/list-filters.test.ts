// overdueRectifications(filter:), mlpsRecords(filter:) and securityBulletins(filter:) (第十九条至第二十二条; issue 12):
// each filter in SQL gives exactly the rows it names, within the caller's scope, in the list's
// order; bad input is BAD_USER_INPUT; the filters are served by indexes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, world } from '../../setup/principals';
import { idsOf, walkList } from '../../setup/walk-list';
import type { Principal } from '../../../subgraphs/kit/principal';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Finding {
  id: string;
  severity: string;
  ownerKind: string;
  status: string;
  deadline: string;
  ownerUnit: { id: string } | null;
  ownerProvider: { id: string } | null;
}

const RECTIFICATIONS = `query ($first: Int, $after: String, $filter: RectificationFilter) {
  overdueRectifications(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id severity rectification { ownerKind status deadline ownerUnit { id } ownerProvider { id } } } }
  }
}`;

interface Mlps {
  id: string;
  level: number;
  filedOn: string | null;
  lastAssessedOn: string | null;
  system: { id: string };
  region: { code: string };
}

const MLPS = `query ($first: Int, $after: String, $filter: MlpsRecordFilter) {
  mlpsRecords(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id level filedOn lastAssessedOn system { id } region { code } } }
  }
}`;

type FindingNode = Pick<Finding, 'id' | 'severity'> & { rectification: Omit<Finding, 'id' | 'severity'> };

async function rectifications(filter?: object, principal = bureau): Promise<{ nodes: Finding[]; totals: number[] }> {
  const { nodes, totals } = await walkList<FindingNode>(subgraph, principal, 'overdueRectifications', RECTIFICATIONS, { filter });
  return { nodes: nodes.map(({ rectification, ...finding }) => ({ ...finding, ...rectification })), totals };
}
const mlpsRecords = (filter?: object, principal = bureau) => walkList<Mlps>(subgraph, principal, 'mlpsRecords', MLPS, { filter });

async function expectBadInput(query: string, filter: object): Promise<void> {
  const result = await subgraph.query(bureau, query, { filter });
  expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
}

describe('overdueRectifications(filter:)', () => {
  it('filters by severity, owner kind, status, unit, provider and deadline days, each exactly', async () => {
    const { nodes: all } = await rectifications();
    expect(all.length).toBeGreaterThan(1);
    const sample = all[0]!;
    const cases: Array<[object, (row: Finding) => boolean]> = [
      [{ severity: [sample.severity] }, (row) => row.severity === sample.severity],
      [{ severity: ['HIGH', 'LOW'] }, (row) => ['HIGH', 'LOW'].includes(row.severity)],
      [{ ownerKind: 'PROVIDER' }, (row) => row.ownerKind === 'PROVIDER'],
      [{ ownerKind: 'UNIT' }, (row) => row.ownerKind === 'UNIT'],
      [{ status: ['SUBMITTED'] }, (row) => row.status === 'SUBMITTED'],
      [{ status: [] }, () => true],
      [{ deadlineFrom: sample.deadline, deadlineTo: sample.deadline }, (row) => row.deadline === sample.deadline],
      [{ deadlineTo: sample.deadline }, (row) => row.deadline <= sample.deadline],
    ];
    const unit = all.find((row) => row.ownerUnit)?.ownerUnit;
    if (unit) cases.push([{ unitId: unit.id }, (row) => row.ownerUnit?.id === unit.id]);
    const provider = all.find((row) => row.ownerProvider)?.ownerProvider;
    if (provider) cases.push([{ providerId: provider.id, ownerKind: 'PROVIDER' }, (row) => row.ownerProvider?.id === provider.id]);
    for (const [filter, keep] of cases) {
      const { nodes, totals } = await rectifications(filter);
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(idsOf(all.filter(keep)));
      expect(totals[0]).toBe(nodes.length);
      const deadlines = nodes.map((row) => row.deadline);
      expect(deadlines).toEqual([...deadlines].sort());
    }
  });

  it('by region gives the city what the county itself sees, and a county asking for another region nothing', async () => {
    const { nodes: county } = await rectifications(undefined, countyAuthority(BINCHENG));
    const { nodes: byRegion } = await rectifications({ regionCode: BINCHENG });
    expect(idsOf(byRegion)).toEqual(idsOf(county));
    const { nodes: elsewhere } = await rectifications({ regionCode: '371600' }, countyAuthority(BINCHENG));
    expect(elsewhere).toEqual([]);
  });

  it('refuses a malformed id, a code where an id belongs, an unknown region and a reversed range', async () => {
    for (const filter of [
      { providerId: 'P-INSPUR' },
      { unitId: 'not-a-uuid' },
      { systemId: 'S-371600-001-01' },
      { regionCode: '999999' },
      { deadlineFrom: '2026-10-01', deadlineTo: '2026-09-01' },
    ]) {
      await expectBadInput(RECTIFICATIONS, filter);
    }
  });
});

describe('mlpsRecords(filter:)', () => {
  it('filters by levels, region, unit, provider, system, filed and day ranges, each exactly', async () => {
    const { nodes: all } = await mlpsRecords();
    expect(all.length).toBe(world.mlpsRecords.length);
    const systemOf = new Map(world.systems.map((system) => [system.id, system]));
    const filed = all.find((row) => row.filedOn !== null)!;
    const assessed = all.find((row) => row.lastAssessedOn !== null)!;
    const owner = systemOf.get(filed.system.id)!;
    const cases: Array<[object, (row: Mlps) => boolean]> = [
      [{ level: [3] }, (row) => row.level === 3],
      [{ level: [2, 4] }, (row) => [2, 4].includes(row.level)],
      [{ regionCode: BINCHENG }, (row) => row.region.code === BINCHENG],
      [{ unitId: owner.unitId }, (row) => systemOf.get(row.system.id)!.unitId === owner.unitId],
      [{ providerId: owner.providerId }, (row) => systemOf.get(row.system.id)!.providerId === owner.providerId],
      [{ systemId: filed.system.id }, (row) => row.system.id === filed.system.id],
      [{ filed: true }, (row) => row.filedOn !== null],
      [{ filed: false }, (row) => row.filedOn === null],
      [{ filedFrom: filed.filedOn, filedTo: filed.filedOn }, (row) => row.filedOn === filed.filedOn],
      [{ assessedTo: assessed.lastAssessedOn }, (row) => row.lastAssessedOn !== null && row.lastAssessedOn <= assessed.lastAssessedOn!],
      [
        { level: [3, 4], regionCode: BINCHENG, filed: true },
        (row) => [3, 4].includes(row.level) && row.region.code === BINCHENG && row.filedOn !== null,
      ],
    ];
    for (const [filter, keep] of cases) {
      const expected = all.filter(keep);
      const { nodes } = await mlpsRecords(filter);
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(idsOf(expected));
    }
    expect(all.filter((row) => row.filedOn === null).length).toBeGreaterThan(0);
  });

  it('keeps the deprecated level argument working beside the filter', async () => {
    const result = await subgraph.query<{ mlpsRecords: { totalCount: number } }>(bureau, `{ mlpsRecords(level: 3) { totalCount } }`);
    expect(result.data!.mlpsRecords.totalCount).toBe(world.mlpsRecords.filter((record) => record.grade === 3).length);
  });

  it('refuses a level outside 1–5, a malformed id, an unknown region and a reversed range', async () => {
    for (const filter of [
      { level: [6] },
      { unitId: 'U-371602-001' },
      { providerId: 'nope' },
      { regionCode: '123456' },
      { assessedFrom: '2026-02-01', assessedTo: '2026-01-01' },
    ]) {
      await expectBadInput(MLPS, filter);
    }
  });
});

interface Bulletin {
  id: string;
  severity: string;
  issuedAt: string;
  addressee: { id: string } | null;
}

const BULLETINS = `query ($first: Int, $after: String, $filter: SecurityBulletinFilter) {
  securityBulletins(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id severity issuedAt addressee { id } } }
  }
}`;

const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** The Beijing day of an instant printed at +08:00. */
const beijingDay = (instant: string) => instant.slice(0, 10);

describe('securityBulletins(filter:)', () => {
  it('filters by severities, the provider addressed and issue days, each exactly', async () => {
    const { nodes: all } = await walkList<Bulletin>(subgraph, bureau, 'securityBulletins', BULLETINS);
    expect(all.length).toBeGreaterThan(0);
    const sample = all.find((row) => row.addressee) ?? all[0]!;
    const others = SEVERITIES.filter((severity) => severity !== sample.severity);
    const day = beijingDay(sample.issuedAt);
    const cases: Array<[object, (row: Bulletin) => boolean]> = [
      [{ severity: [sample.severity] }, (row) => row.severity === sample.severity],
      [{ severity: others }, (row) => others.includes(row.severity)],
      [{ severity: [] }, () => true],
      [{ issuedFrom: day, issuedTo: day, severity: others }, (row) => beijingDay(row.issuedAt) === day && others.includes(row.severity)],
      [{ issuedFrom: day, issuedTo: day }, (row) => beijingDay(row.issuedAt) === day],
      [{ issuedTo: day }, (row) => beijingDay(row.issuedAt) <= day],
    ];
    if (sample.addressee) cases.push([{ providerId: sample.addressee.id }, (row) => row.addressee?.id === sample.addressee!.id]);
    for (const [filter, keep] of cases) {
      const { nodes } = await walkList<Bulletin>(subgraph, bureau, 'securityBulletins', BULLETINS, { filter });
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(idsOf(all.filter(keep)));
    }
  });

  it('refuses a code where an id belongs and a reversed range', async () => {
    for (const filter of [{ providerId: 'P-INSPUR' }, { issuedFrom: '2026-12-01', issuedTo: '2026-11-01' }]) {
      await expectBadInput(BULLETINS, filter);
    }
  });
});

type ListOf<T> = (filter?: object, principal?: Principal) => Promise<{ nodes: T[] }>;

/** The city filtering by a county gets what the county sees itself; the county asking for the city, nothing. */
async function expectRegionAsCounty<T extends { id: string }>(list: ListOf<T>): Promise<void> {
  const { nodes: county } = await list(undefined, countyAuthority(BINCHENG));
  const { nodes: byRegion } = await list({ regionCode: BINCHENG });
  expect(county.length).toBeGreaterThan(0);
  expect(idsOf(byRegion)).toEqual(idsOf(county));
  const { nodes: elsewhere } = await list({ regionCode: '371600' }, countyAuthority(BINCHENG));
  expect(elsewhere).toEqual([]);
}

/** Codes where ids belong, an unknown region and `reversed` (a reversed range) are each BAD_USER_INPUT. */
async function expectBadIds(query: string, reversed: object): Promise<void> {
  for (const filter of [{ providerId: 'P-INSPUR' }, { unitId: 'U-371602-001' }, { systemId: 'nope' }, { regionCode: '999999' }, reversed]) {
    await expectBadInput(query, filter);
  }
}

interface Agreement {
  id: string;
  number: string;
  status: string;
  signedOn: string;
  unit: { id: string };
  provider: { id: string };
  system: { id: string };
  region: { code: string };
}

const AGREEMENTS = `query ($first: Int, $after: String, $filter: SecurityAgreementFilter) {
  securityAgreements(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id number status signedOn unit { id } provider { id } system { id } region { code } } }
  }
}`;

const agreements = (filter?: object, principal = bureau) =>
  walkList<Agreement>(subgraph, principal, 'securityAgreements', AGREEMENTS, { filter });

describe('securityAgreements(filter:)', () => {
  it('filters by statuses, region, provider, system, unit and signing days, each exactly, in number order', async () => {
    const { nodes: all } = await agreements();
    expect(all.length).toBe(world.securityAgreements.length);
    const sample = all.find((row) => row.region.code === BINCHENG) ?? all[0]!;
    const cases: Array<[object, (row: Agreement) => boolean]> = [
      [{ status: ['SIGNED'] }, (row) => row.status === 'SIGNED'],
      [{ status: ['TERMINATED'] }, (row) => row.status === 'TERMINATED'],
      [{ status: [] }, () => true],
      [{ regionCode: BINCHENG }, (row) => row.region.code === BINCHENG],
      [{ providerId: sample.provider.id }, (row) => row.provider.id === sample.provider.id],
      [{ systemId: sample.system.id }, (row) => row.system.id === sample.system.id],
      [{ unitId: sample.unit.id }, (row) => row.unit.id === sample.unit.id],
      [{ signedFrom: sample.signedOn, signedTo: sample.signedOn }, (row) => row.signedOn === sample.signedOn],
      [{ signedTo: sample.signedOn, status: ['SIGNED'] }, (row) => row.signedOn <= sample.signedOn && row.status === 'SIGNED'],
    ];
    for (const [filter, keep] of cases) {
      const { nodes, totals } = await agreements(filter);
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(idsOf(all.filter(keep)));
      expect(totals[0]).toBe(nodes.length);
      const numbers = nodes.map((row) => row.number);
      expect(numbers).toEqual(all.filter(keep).map((row) => row.number));
    }
  });

  it('by region gives the city what the county itself sees, and a county asking for another region nothing', () =>
    expectRegionAsCounty(agreements));

  it('refuses a code where an id belongs, an unknown region and a reversed range', () =>
    expectBadIds(AGREEMENTS, { signedFrom: '2026-02-01', signedTo: '2026-01-01' }));
});

interface Grant {
  id: string;
  grantedAt: string;
  validUntil: string;
  revokedAt: string | null;
  active: boolean;
  unit: { id: string };
  provider: { id: string };
  system: { id: string };
  region: { code: string };
}

const GRANTS = `query ($first: Int, $after: String, $filter: AccessGrantFilter) {
  accessGrants(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id grantedAt validUntil revokedAt active unit { id } provider { id } system { id } region { code } } }
  }
}`;

const grants = (filter?: object, principal = bureau) => walkList<Grant>(subgraph, principal, 'accessGrants', GRANTS, { filter });

/** A grant's status as the schema defines it, read from its fields now. */
function statusOf(grant: Grant): string {
  if (grant.revokedAt !== null) return 'REVOKED';
  if (new Date(grant.validUntil).getTime() < Date.now()) return 'EXPIRED';
  return grant.active ? 'ACTIVE' : 'PENDING';
}

describe('accessGrants(filter:)', () => {
  it('filters by statuses, region, provider, system, unit and registration days, each exactly, newest first', async () => {
    const { nodes: all } = await grants();
    expect(all.length).toBeGreaterThan(1);
    const sample = all.find((row) => row.region.code === BINCHENG) ?? all[0]!;
    const day = beijingDay(sample.grantedAt);
    const cases: Array<[object, (row: Grant) => boolean]> = [
      [{ status: ['ACTIVE'] }, (row) => statusOf(row) === 'ACTIVE'],
      [{ status: ['REVOKED', 'EXPIRED'] }, (row) => ['REVOKED', 'EXPIRED'].includes(statusOf(row))],
      [{ status: ['PENDING'] }, (row) => statusOf(row) === 'PENDING'],
      [{ status: ['ACTIVE', 'PENDING', 'EXPIRED', 'REVOKED'] }, () => true],
      [{ status: [] }, () => true],
      [{ regionCode: BINCHENG }, (row) => row.region.code === BINCHENG],
      [{ providerId: sample.provider.id }, (row) => row.provider.id === sample.provider.id],
      [{ systemId: sample.system.id }, (row) => row.system.id === sample.system.id],
      [{ unitId: sample.unit.id, status: ['ACTIVE'] }, (row) => row.unit.id === sample.unit.id && statusOf(row) === 'ACTIVE'],
      [{ grantedFrom: day, grantedTo: day }, (row) => beijingDay(row.grantedAt) === day],
      [{ grantedTo: day }, (row) => beijingDay(row.grantedAt) <= day],
    ];
    for (const [filter, keep] of cases) {
      const { nodes, totals } = await grants(filter);
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(idsOf(all.filter(keep)));
      expect(totals[0]).toBe(nodes.length);
      const instants = nodes.map((row) => new Date(row.grantedAt).getTime());
      expect(instants).toEqual([...instants].sort((a, b) => b - a));
    }
    const active = await subgraph.query<{ accessGrants: { totalCount: number } }>(
      bureau,
      `{ accessGrants(activeOnly: true) { totalCount } }`,
    );
    expect(active.data!.accessGrants.totalCount).toBe(all.filter((row) => statusOf(row) === 'ACTIVE').length);
  });

  it('by region gives the city what the county itself sees, and a county asking for another region nothing', () =>
    expectRegionAsCounty(grants));

  it('refuses a code where an id belongs, an unknown region and a reversed range', () =>
    expectBadIds(GRANTS, { grantedFrom: '2026-02-01', grantedTo: '2026-01-01' }));
});

const OVERDUE_SYSTEMS = `query ($first: Int, $after: String, $filter: MlpsOverdueFilter) {
  mlpsOverdueSystems(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
}`;

const OVERDUE_UNITS = `query ($filter: MlpsOverdueFilter) {
  mlpsOverdueUnits(first: 100, filter: $filter) { totalCount edges { overdueSystems node { id } } }
}`;

describe('mlpsOverdueSystems(filter:) and mlpsOverdueUnits(filter:)', () => {
  it('count only the overdue systems of the region, unit and levels asked for, in both lists', async () => {
    const overdue = async (filter?: object) =>
      (await walkList<{ id: string }>(subgraph, bureau, 'mlpsOverdueSystems', OVERDUE_SYSTEMS, { filter })).nodes.map((row) => row.id);
    const all = await overdue();
    expect(all.length).toBeGreaterThan(1);
    const systemOf = new Map(world.systems.map((system) => [system.id, system]));
    const levelOf = new Map(world.mlpsRecords.map((record) => [record.systemId, record.grade as number]));
    const sample = systemOf.get(all.find((id) => levelOf.has(id)) ?? all[0]!)!;
    const cases: Array<[object, (id: string) => boolean]> = [
      [{ regionCode: BINCHENG }, (id) => systemOf.get(id)!.regionCode === BINCHENG],
      [{ unitId: sample.unitId }, (id) => systemOf.get(id)!.unitId === sample.unitId],
      [{ level: [3] }, (id) => levelOf.get(id) === 3],
      [{ level: [3, 4], regionCode: BINCHENG }, (id) => [3, 4].includes(levelOf.get(id) ?? 0) && systemOf.get(id)!.regionCode === BINCHENG],
      [{ level: [] }, () => true],
    ];
    for (const [filter, keep] of cases) {
      const expected = all.filter(keep);
      expect(await overdue(filter), JSON.stringify(filter)).toEqual(expected);
      const units = await subgraph.query<{ mlpsOverdueUnits: { edges: Array<{ overdueSystems: number; node: { id: string } }> } }>(
        bureau,
        OVERDUE_UNITS,
        { filter },
      );
      expect(units.errors).toBeUndefined();
      const counts = new Map<string, number>();
      for (const id of expected) counts.set(systemOf.get(id)!.unitId, (counts.get(systemOf.get(id)!.unitId) ?? 0) + 1);
      const listed = new Map(units.data!.mlpsOverdueUnits.edges.map((edge) => [edge.node.id, edge.overdueSystems]));
      expect(listed, JSON.stringify(filter)).toEqual(counts);
    }
  });

  it('refuses a level outside 1–5, a code where an id belongs and an unknown region', async () => {
    for (const filter of [{ level: [0] }, { unitId: 'U-371602-001' }, { regionCode: '999999' }]) {
      await expectBadInput(OVERDUE_SYSTEMS, filter);
      await expectBadInput(OVERDUE_UNITS, filter);
    }
  });
});

describe('security list filters are served by indexes', () => {
  it.each([
    [
      `SELECT id FROM security.inspection_finding WHERE status <> 'CLOSED' ORDER BY deadline, id LIMIT 3`,
      'inspection_finding_open_deadline_idx',
    ],
    [`SELECT id FROM security.inspection_finding WHERE severity = 'HIGH'`, 'inspection_finding_severity_idx'],
    [`SELECT id FROM security.mlps_record WHERE filed_on >= DATE '2026-01-01'`, 'mlps_record_filed_on_idx'],
    [`SELECT id FROM security.mlps_record WHERE last_assessed_on <= DATE '2025-01-01'`, 'mlps_record_last_assessed_on_idx'],
    [`SELECT id FROM security.security_bulletin WHERE severity = 'HIGH'`, 'security_bulletin_severity_idx'],
    [`SELECT id FROM security.security_bulletin WHERE issued_at >= now()`, 'security_bulletin_issued_at_idx'],
    [`SELECT id FROM security.security_agreement WHERE status = 'TERMINATED'`, 'security_agreement_status_idx'],
    [`SELECT id FROM security.security_agreement WHERE signed_on >= DATE '2026-01-01'`, 'security_agreement_signed_on_idx'],
    [`SELECT id FROM security.access_grant WHERE valid_until < now()`, 'access_grant_valid_until_idx'],
  ])('%s uses %s', async (sql, index) => {
    const plan = await subgraph.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      return (await manager.query(`EXPLAIN ${sql}`)) as Array<{ 'QUERY PLAN': string }>;
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain(index);
  });
});
