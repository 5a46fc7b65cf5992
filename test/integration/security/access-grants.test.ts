// AUTHORIZED_ACCESS (第二十三条) against real PostgreSQL: who may grant and revoke, what the grant
// copies from the system facts, and who sees grants and violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, cityFinance, countyAuthority, cybersec, providerPrincipal, userUnit, world } from '../../setup/principals';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import {
  accessTablesDigest,
  demo,
  GRANT,
  providerOf,
  REVOKE,
  systemOf,
  unitPrincipalOf,
  VIOLATIONS,
  type ViolationPage,
} from './access-setup';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const auditor: Principal = { subject: 'test-auditor', role: Role.AUDITOR };
const seededViolations = demo.records.filter((record) => record.violation);
const cityA = systemOf(demo.grants[0]!.systemId);
const owner = unitPrincipalOf(cityA);
const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const grantInput = (overrides: Record<string, unknown> = {}) => ({
  systemId: cityA.id,
  resourceKind: 'STORAGE',
  staffName: '王磊',
  staffAccount: 'ops-wanglei',
  purpose: '存储扩容',
  validFrom: later(-1),
  validUntil: later(7),
  ...overrides,
});

async function violationsAs(principal: Principal): Promise<ViolationPage['accessViolations']> {
  const result = await subgraph.query<ViolationPage>(principal, VIOLATIONS);
  expect(result.errors).toBeUndefined();
  return result.data!.accessViolations;
}

describe('AUTHORIZED_ACCESS: grants', () => {
  it('the seed holds a couple of violations, each decided by the rule', () => {
    expect(seededViolations.length).toBeGreaterThanOrEqual(2);
    expect(demo.records.some((record) => !record.violation)).toBe(true);
  });

  it('a unit grants access on its own system; provider, unit and region come from the system facts', async () => {
    const result = await subgraph.query<{ grantAccess: Record<string, unknown> }>(owner, GRANT, { input: grantInput() });
    expect(result.errors).toBeUndefined();
    expect(result.data!.grantAccess).toMatchObject({
      resourceKind: 'STORAGE',
      staffAccount: 'ops-wanglei',
      active: true,
      revokedAt: null,
      system: { id: cityA.id },
      unit: { id: cityA.unitId },
      provider: { id: cityA.providerId },
      region: { code: cityA.regionCode },
    });
  });

  it('only the owning unit may grant or revoke: other roles are FORBIDDEN, another unit NOT_FOUND; nothing changes', async () => {
    const before = await accessTablesDigest(subgraph.dataSource);
    const otherUnit = userUnit(world.units.find((unit) => unit.id !== cityA.unitId)!);
    for (const principal of [bureau, cybersec, providerPrincipal(providerOf(cityA))]) {
      const result = await subgraph.query(principal, GRANT, { input: grantInput() });
      expect(result.errors?.[0]?.extensions?.code, principal.role).toBe('FORBIDDEN');
      const revoke = await subgraph.query(principal, REVOKE, { id: demo.grants[0]!.id });
      expect(revoke.errors?.[0]?.extensions?.code, principal.role).toBe('FORBIDDEN');
    }
    // Another unit's system and grant are answered like missing ones.
    const missing = '00000000-0000-4000-8000-000000000000';
    const grant = await subgraph.query(otherUnit, GRANT, { input: grantInput() });
    const grantMissing = await subgraph.query(otherUnit, GRANT, { input: { ...grantInput(), systemId: missing } });
    expect(grant.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(grant.errors?.[0]?.message).toBe(grantMissing.errors?.[0]?.message);
    const revoke = await subgraph.query(otherUnit, REVOKE, { id: demo.grants[0]!.id });
    const revokeMissing = await subgraph.query(otherUnit, REVOKE, { id: missing });
    expect(revoke.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(revoke.errors?.[0]?.message).toBe(revokeMissing.errors?.[0]?.message);
    expect(await accessTablesDigest(subgraph.dataSource)).toBe(before);
  });

  it('bad grant input is BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const before = await accessTablesDigest(subgraph.dataSource);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ validFrom: later(3), validUntil: later(2) }, 'validUntil'],
      [{ validFrom: later(-3), validUntil: later(-2) }, 'validUntil'],
      // AUTHORIZED_ACCESS: one grant lasts at most 366 days (a local choice); a century is refused.
      [{ validFrom: later(0), validUntil: later(367) }, 'validUntil'],
      [{ validFrom: later(0), validUntil: '2126-11-26T09:00:00+08:00' }, 'validUntil'],
      [{ validFrom: '2026-11-26 09:00' }, 'validFrom'],
      [{ staffAccount: '  ' }, 'staffAccount'],
      [{ systemId: 'S-371600-001-01' }, 'systemId'],
    ];
    for (const [overrides, field] of cases) {
      const result = await subgraph.query(owner, GRANT, { input: grantInput(overrides) });
      expect(result.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await accessTablesDigest(subgraph.dataSource)).toBe(before);
  });

  it('AUTHORIZED_ACCESS: no grant on a retired system, whose resources were recovered; nothing is written', async () => {
    const retired = world.systems.find((system) => system.retiredOn && system.providerId)!;
    const unit = world.units.find((candidate) => candidate.id === retired.unitId)!;
    const before = await accessTablesDigest(subgraph.dataSource);
    const result = await subgraph.query(userUnit(unit), GRANT, { input: grantInput({ systemId: retired.id }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'systemId' });
    expect(result.errors![0]!.message).toContain(`已于 ${retired.retiredOn} 停止使用`);
    expect(await accessTablesDigest(subgraph.dataSource)).toBe(before);
  });

  it('the unit revokes its grant once; a second revocation is a CONFLICT', async () => {
    const granted = await subgraph.query<{ grantAccess: { id: string } }>(owner, GRANT, {
      input: grantInput({ staffAccount: 'ops-revoke' }),
    });
    const id = granted.data!.grantAccess.id;
    const revoked = await subgraph.query<{ revokeAccessGrant: { revokedAt: string; active: boolean } }>(owner, REVOKE, { id });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeAccessGrant.active).toBe(false);
    expect(Date.parse(revoked.data!.revokeAccessGrant.revokedAt)).toBeLessThanOrEqual(Date.now());
    const again = await subgraph.query(owner, REVOKE, { id });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('AUTHORIZED_ACCESS: who sees violations', () => {
  it('the cybersecurity authority, the bureau and the auditor see every violation, newest first', async () => {
    for (const principal of [cybersec, bureau, auditor]) {
      const seen = await violationsAs(principal);
      expect(seen.totalCount, principal.role).toBe(seededViolations.length);
      const times = seen.edges.map((edge) => Date.parse(edge.node.accessedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(seen.edges.every((edge) => edge.node.violation && edge.node.grant === null)).toBe(true);
    }
  });

  it('a unit sees its systems’, a county its county’s, a provider what it submitted, finance nothing', async () => {
    const cases: Array<[Principal, (record: (typeof demo.records)[number]) => boolean]> = [
      [owner, (record) => record.unitId === cityA.unitId],
      [countyAuthority(BINCHENG), (record) => record.regionCode === BINCHENG],
      [providerPrincipal(providerOf(cityA)), (record) => record.providerId === cityA.providerId],
      [cityFinance, () => false],
    ];
    for (const [principal, visible] of cases) {
      const expected = seededViolations
        .filter(visible)
        .map((record) => record.externalId)
        .sort();
      const seen = await violationsAs(principal);
      expect(seen.edges.map((edge) => edge.node.externalId).sort(), principal.subject).toEqual(expected);
      expect(seen.totalCount).toBe(expected.length);
    }
    expect(seededViolations.filter((record) => record.regionCode === BINCHENG).length).toBeGreaterThan(0);
  });

  it('paginates violations with cursors, newest first, without repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const result: { data?: ViolationPage | null } = await subgraph.query<ViolationPage>(
        cybersec,
        VIOLATIONS.replace('first: 100', 'first: 1'),
        { after },
      );
      const page: ViolationPage['accessViolations'] = result.data!.accessViolations;
      seen.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual((await violationsAs(cybersec)).edges.map((edge) => edge.node.id));
  });

  it('lists grants in force apart from expired and revoked ones', async () => {
    const LIST = `query ($activeOnly: Boolean) { accessGrants(first: 100, activeOnly: $activeOnly) { totalCount edges { node { id active } } } }`;
    type List = { accessGrants: { totalCount: number; edges: Array<{ node: { id: string; active: boolean } }> } };
    const all = (await subgraph.query<List>(cybersec, LIST, { activeOnly: false })).data!.accessGrants;
    const active = (await subgraph.query<List>(cybersec, LIST, { activeOnly: true })).data!.accessGrants;
    const ended = demo.grants.filter((grant) => grant.revokedAt || grant.validUntil.getTime() < Date.now()).map((grant) => grant.id);
    expect(ended.length).toBeGreaterThanOrEqual(2);
    expect(all.edges.map((edge) => edge.node.id)).toEqual(expect.arrayContaining(ended));
    expect(active.edges.every((edge) => edge.node.active && !ended.includes(edge.node.id))).toBe(true);
    expect(active.totalCount).toBe(all.edges.filter((edge) => edge.node.active).length);
  });

  it('a grant lookup outside the scope answers like a missing one: null', async () => {
    const county = demo.grants.find((grant) => grant.regionCode === BINCHENG)!;
    const outside = await subgraph.query(owner, `query ($id: ID!) { accessGrant(id: $id) { id } }`, { id: county.id });
    expect(outside).toEqual({ status: 200, data: { accessGrant: null } });
    const missing = await subgraph.query<{ accessGrant: null }>(owner, `query ($id: ID!) { accessGrant(id: $id) { id } }`, {
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.data!.accessGrant).toBeNull();
  });
});

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on InformationSystem { id accessViolationCount accessGrants(first: 100) { totalCount edges { node { staffAccount provider { id } } } } }
  }
}`;

describe('AUTHORIZED_ACCESS: InformationSystem grants and violation count', () => {
  async function systemsAs(principal: Principal, count: number) {
    const representations = world.systems.slice(0, count).map((system) => ({ __typename: 'InformationSystem', id: system.id }));
    for (const grant of demo.grants) representations.push({ __typename: 'InformationSystem', id: grant.systemId });
    const counter = sqlCounterOf(subgraph.dataSource);
    counter.reset();
    const result = await subgraph.query<{
      _entities: Array<{ id: string; accessViolationCount: number; accessGrants: { totalCount: number } }>;
    }>(principal, ENTITIES, { representations });
    expect(result.errors).toBeUndefined();
    return { statements: counter.count, systems: result.data!._entities };
  }

  it('counts violations and lists grants per system with one query per loader, however many systems', async () => {
    const few = await systemsAs(cybersec, 5);
    const many = await systemsAs(cybersec, 150);
    expect(few.statements).toBe(2);
    expect(many.statements).toBe(2);
    for (const grant of demo.grants) {
      const system = many.systems.find((entity) => entity.id === grant.systemId)!;
      expect(system.accessViolationCount).toBe(seededViolations.filter((record) => record.systemId === grant.systemId).length);
      expect(system.accessGrants.totalCount).toBeGreaterThanOrEqual(demo.grants.filter((g) => g.systemId === grant.systemId).length);
    }
  });

  it('shows nothing of a system outside the scope', async () => {
    const county = (await systemsAs(countyAuthority(BINCHENG), 0)).systems;
    for (const grant of demo.grants) {
      const system = county.find((entity) => entity.id === grant.systemId)!;
      const inCounty = grant.regionCode === BINCHENG;
      expect(system.accessGrants.totalCount > 0, grant.id).toBe(inCounty);
      if (!inCounty) expect(system.accessViolationCount).toBe(0);
    }
  });
});
