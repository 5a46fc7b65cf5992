// ON_CLOUD (第三条): existing systems still off the cloud. A unit registers its own, the centre any
// unit's, each with a migration plan or an exemption citing a law or regulation; the bureau decides
// an exemption; the move onto the cloud names the same unit's cloud system. Each verb's refusals
// cite ON_CLOUD (or the role, input, scope or version check) and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offCloudSystemsOf } from '../../../subgraphs/applications/off-cloud/off-cloud.seed';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { nodes, type Connection } from '../../setup/connection';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, providerByCode, providerPrincipal, userUnit, world } from '../../setup/principals';
import { auditor, center, expectRefused } from './lifecycle-helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const FIELDS = `id name status version migrationTargetOn overdue movedOn registeredOn unit { id } region { code }
  exemption { legalBasis claimedOn decision reason decidedOn decidedBy }
  replacementSystem { id } replacementApplication { id }`;
const REGISTER = `mutation($input: RegisterOffCloudSystemInput!) { registerOffCloudSystem(input: $input) { ${FIELDS} } }`;
const PLAN = `mutation($id: ID!, $version: Int!, $targetOn: Date!, $plan: String) {
  setOffCloudMigrationPlan(id: $id, version: $version, targetOn: $targetOn, plan: $plan) { ${FIELDS} } }`;
const CLAIM = `mutation($id: ID!, $version: Int!, $legalBasis: String!) {
  claimOffCloudExemption(id: $id, version: $version, legalBasis: $legalBasis) { ${FIELDS} } }`;
const DECIDE = `mutation($id: ID!, $version: Int!, $accept: Boolean!, $reason: String) {
  decideOffCloudExemption(id: $id, version: $version, accept: $accept, reason: $reason) { ${FIELDS} } }`;
const MOVED = `mutation($id: ID!, $version: Int!, $systemId: ID, $applicationId: ID, $movedOn: Date!) {
  recordOffCloudSystemMoved(id: $id, version: $version, systemId: $systemId, applicationId: $applicationId, movedOn: $movedOn) { ${FIELDS} } }`;
const LIST = `query($filter: OffCloudSystemFilter) { offCloudSystems(first: 100, filter: $filter) { totalCount edges { node { id status overdue region { code } unit { id } } } } }`;
const SUMMARIES = `query($year: Int!) { offCloudUnitSummaries(year: $year) { unit { id } regionCode referenceDate offCloudSystems overdueSystems } }`;

interface OffCloud {
  id: string;
  name: string;
  status: string;
  version: number;
  migrationTargetOn: string | null;
  overdue: boolean;
  movedOn: string | null;
  registeredOn: string;
  unit: { id: string };
  region: { code: string };
  exemption: { legalBasis: string; claimedOn: string; decision: string | null; reason: string | null } | null;
  replacementSystem: { id: string } | null;
  replacementApplication: { id: string } | null;
}

const seeded = offCloudSystemsOf(world);
const seededUnits = new Set(seeded.map((row) => row.unitId));
/** Whether a seeded system runs on the cloud: gone live, not retired, not exempt. */
function isLive(systemId: string): boolean {
  const system = world.systems.find((candidate) => candidate.id === systemId);
  return Boolean(system?.goLiveOn && !system.retiredOn && system.deploymentMode !== 'EXEMPT');
}

// A 滨城区 unit with a live application and none of the seeded registrations, so the seeded figures stay as they are.
const unit = world.units.find(
  (candidate) =>
    candidate.regionCode === BINCHENG &&
    !seededUnits.has(candidate.id) &&
    world.applications.some((application) => application.unitId === candidate.id && isLive(application.systemId)),
)!;
const asUnit = userUnit(unit);
const otherUnit = world.units.find(
  (candidate) => candidate.regionCode === BINCHENG && candidate.id !== unit.id && !seededUnits.has(candidate.id),
)!;
const application = world.applications.find((candidate) => candidate.unitId === unit.id && isLive(candidate.systemId))!;
const otherSystem = world.systems.find((system) => system.unitId !== unit.id && system.deploymentMode !== 'EXEMPT' && !system.retiredOn)!;
const BASE = { name: '旧版考勤系统', description: '本单位自建的考勤与排班系统', currentLocation: '本单位机房' };

async function rows(): Promise<number> {
  const [{ count }] = await subgraph.dataSource.query(`SELECT count(*)::int AS count FROM applications.off_cloud_system`);
  return count as number;
}

async function register(principal: Principal, input: Record<string, unknown>): Promise<OffCloud> {
  const result = await subgraph.query<{ registerOffCloudSystem: OffCloud }>(principal, REGISTER, { input: { ...BASE, ...input } });
  expect(result.errors).toBeUndefined();
  return result.data!.registerOffCloudSystem;
}

async function run<T = OffCloud>(principal: Principal, query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await subgraph.query<Record<string, T>>(principal, query, variables);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0]!;
}

describe('ON_CLOUD: registering an existing system that runs off the cloud', () => {
  it('refuses a registration with neither plan nor exemption, an exemption citing nothing, a past target, another unit, or the wrong role', async () => {
    const before = await rows();
    const attempt = (input: Record<string, unknown>, who: Principal = asUnit) =>
      subgraph.query(who, REGISTER, { input: { ...BASE, ...input } });
    expectRefused(await attempt({}), 'RULE_VIOLATION', 'ON_CLOUD', '第三条');
    expectRefused(await attempt({ exemptionLegalBasis: '   ' }), 'RULE_VIOLATION', 'ON_CLOUD', '第三条');
    expectRefused(await attempt({ targetOn: '2027-01-01', exemptionLegalBasis: '' }), 'RULE_VIOLATION', 'ON_CLOUD', '第三条');
    expectRefused(await attempt({ targetOn: '2026-11-25' }), 'RULE_VIOLATION', 'ON_CLOUD', '第三条');
    expectRefused(await attempt({ unitId: otherUnit.id, targetOn: '2027-01-01' }), 'NOT_FOUND');
    // Scope before rule: another unit's registration is not found, whatever else is wrong with it.
    expectRefused(await attempt({ unitId: otherUnit.id }), 'NOT_FOUND');
    expectRefused(await attempt({ targetOn: '2027-01-01' }, center), 'BAD_USER_INPUT');
    expectRefused(await attempt({ unitId: unit.id, targetOn: '2027-01-01' }, bureau), 'FORBIDDEN');
    expectRefused(await attempt({ unitId: unit.id, targetOn: '2027-01-01' }, countyAuthority(BINCHENG)), 'FORBIDDEN');
    expectRefused(await attempt({ unitId: unit.id, targetOn: '2027-01-01' }, providerPrincipal(providerByCode('P-INSPUR'))), 'FORBIDDEN');
    expect(await rows()).toBe(before);
  });

  it('a unit registers its own with a plan; the centre registers for any unit with an exemption claim', async () => {
    const planned = await register(asUnit, { targetOn: '2027-03-31', plan: '随新办公系统上云' });
    expect(planned).toMatchObject({
      status: 'PLANNED',
      version: 1,
      migrationTargetOn: '2027-03-31',
      overdue: false,
      registeredOn: '2026-11-26',
      unit: { id: unit.id },
      region: { code: BINCHENG },
      exemption: null,
    });
    const claimed = await register(center, { unitId: otherUnit.id, exemptionLegalBasis: '《中华人民共和国保守国家秘密法》' });
    expect(claimed).toMatchObject({
      status: 'EXEMPTION_CLAIMED',
      unit: { id: otherUnit.id },
      exemption: { legalBasis: '《中华人民共和国保守国家秘密法》', claimedOn: '2026-11-26', decision: null },
    });
  });
});

describe('ON_CLOUD: the verbs on a registered system', () => {
  it('sets and replaces the plan at its version; refuses a past target, an exempt or moved system, another unit’s, a stale version', async () => {
    const row = await register(asUnit, { targetOn: '2027-01-31' });
    expectRefused(
      await subgraph.query(asUnit, PLAN, { id: row.id, version: 1, targetOn: '2026-01-01' }),
      'RULE_VIOLATION',
      'ON_CLOUD',
      '第三条',
    );
    expectRefused(await subgraph.query(userUnit(otherUnit), PLAN, { id: row.id, version: 1, targetOn: '2027-06-30' }), 'NOT_FOUND');
    expectRefused(await subgraph.query(bureau, PLAN, { id: row.id, version: 1, targetOn: '2027-06-30' }), 'FORBIDDEN');
    const replanned = await run(asUnit, PLAN, { id: row.id, version: 1, targetOn: '2027-06-30', plan: '分两批迁移' });
    expect(replanned).toMatchObject({ status: 'PLANNED', version: 2, migrationTargetOn: '2027-06-30' });
    expectRefused(await subgraph.query(center, PLAN, { id: row.id, version: 1, targetOn: '2027-07-31' }), 'CONFLICT');

    const exempt = seeded.find((candidate) => candidate.status === 'EXEMPT')!;
    expectRefused(
      await subgraph.query(center, PLAN, { id: exempt.id, version: exempt.version, targetOn: '2027-07-31' }),
      'RULE_VIOLATION',
      'ON_CLOUD',
      '第三条',
    );
  });

  it('an exemption claim cites its basis and waits for the bureau, which alone accepts or refuses (with a reason)', async () => {
    const row = await register(asUnit, { targetOn: '2027-02-28' });
    expectRefused(await subgraph.query(asUnit, CLAIM, { id: row.id, version: 1, legalBasis: ' ' }), 'RULE_VIOLATION', 'ON_CLOUD', '第三条');
    expectRefused(await subgraph.query(bureau, DECIDE, { id: row.id, version: 1, accept: true }), 'RULE_VIOLATION', 'ON_CLOUD', '第三条');
    const claimed = await run(asUnit, CLAIM, { id: row.id, version: 1, legalBasis: '《密码法》第二十七条' });
    expect(claimed).toMatchObject({
      status: 'EXEMPTION_CLAIMED',
      version: 2,
      exemption: { legalBasis: '《密码法》第二十七条', decision: null },
    });
    expectRefused(
      await subgraph.query(asUnit, CLAIM, { id: row.id, version: 2, legalBasis: '另一依据' }),
      'RULE_VIOLATION',
      'ON_CLOUD',
      '第三条',
    );
    expectRefused(await subgraph.query(asUnit, DECIDE, { id: row.id, version: 2, accept: true }), 'FORBIDDEN');
    expectRefused(await subgraph.query(center, DECIDE, { id: row.id, version: 2, accept: true }), 'FORBIDDEN');
    expectRefused(await subgraph.query(bureau, DECIDE, { id: row.id, version: 2, accept: false }), 'BAD_USER_INPUT');

    const refused = await run(bureau, DECIDE, { id: row.id, version: 2, accept: false, reason: '所引条款不涉及该系统' });
    expect(refused).toMatchObject({
      status: 'PLANNED',
      version: 3,
      migrationTargetOn: '2027-02-28',
      exemption: { decision: 'REFUSED', reason: '所引条款不涉及该系统' },
    });
    await run(asUnit, CLAIM, { id: row.id, version: 3, legalBasis: '《中华人民共和国保守国家秘密法》' });
    const accepted = await run(bureau, DECIDE, { id: row.id, version: 4, accept: true });
    expect(accepted).toMatchObject({ status: 'EXEMPT', version: 5, overdue: false, exemption: { decision: 'ACCEPTED' } });
  });

  it('records the move onto the same unit’s cloud system; another unit’s system or a second move is refused', async () => {
    const row = await register(asUnit, { targetOn: '2027-04-30' });
    const move = (who: Principal, variables: Record<string, unknown>) =>
      subgraph.query(who, MOVED, { id: row.id, version: 1, movedOn: '2026-11-26', ...variables });
    expectRefused(await move(asUnit, {}), 'BAD_USER_INPUT');
    expectRefused(await move(asUnit, { systemId: application.systemId, applicationId: application.id }), 'BAD_USER_INPUT');
    expectRefused(await move(asUnit, { systemId: application.systemId, movedOn: '2026-11-27' }), 'BAD_USER_INPUT');
    // Another unit's system: outside a unit's scope it is not found; the centre sees it, and the rule says no.
    expectRefused(await move(asUnit, { systemId: otherSystem.id }), 'NOT_FOUND');
    expectRefused(await move(center, { systemId: otherSystem.id }), 'RULE_VIOLATION', 'ON_CLOUD', '第三条');
    const exemptSystem = world.systems.find((system) => system.unitId === unit.id && system.deploymentMode === 'EXEMPT');
    if (exemptSystem) expectRefused(await move(asUnit, { systemId: exemptSystem.id }), 'RULE_VIOLATION', 'ON_CLOUD', '第三条');

    const moved = await run(asUnit, MOVED, { id: row.id, version: 1, applicationId: application.id, movedOn: '2026-11-26' });
    expect(moved).toMatchObject({
      status: 'MOVED',
      version: 2,
      movedOn: '2026-11-26',
      overdue: false,
      replacementSystem: { id: application.systemId },
      replacementApplication: { id: application.id },
    });
    expectRefused(
      await subgraph.query(center, MOVED, { id: row.id, version: 2, systemId: application.systemId, movedOn: '2026-11-26' }),
      'RULE_VIOLATION',
      'ON_CLOUD',
      '第三条',
    );
  });
});

describe('offCloudSystems and the per-unit figures', () => {
  const bincheng = seeded.find((row) => row.regionCode === BINCHENG)!;

  it('an overdue plan stays overdue: its unit cannot set a later day itself; no plan aims past three years', async () => {
    const owner = userUnit(world.units.find((candidate) => candidate.id === bincheng.unitId)!);
    const before = await rows();
    const postponed = await subgraph.query(owner, PLAN, { id: bincheng.id, version: bincheng.version, targetOn: '2027-06-30' });
    expectRefused(postponed, 'RULE_VIOLATION', 'ON_CLOUD', '第三条');
    expect(postponed.errors![0]!.message).toContain('市大数据应用中心');
    const fresh = await register(asUnit, { targetOn: '2027-01-31' });
    const farOff = await subgraph.query(asUnit, PLAN, { id: fresh.id, version: 1, targetOn: '9999-12-31' });
    expectRefused(farOff, 'RULE_VIOLATION', 'ON_CLOUD', '第三条');
    expect(farOff.errors![0]!.extensions).toMatchObject({ latestTargetOn: '2029-11-26' });
    expect(await rows()).toBe(before + 1);
  });

  it('lists by county, unit, status and overdue plan (the project clock), for the bureau and the county', async () => {
    const overdue = await run<Connection<{ id: string; overdue: boolean }>>(bureau, LIST, { filter: { overdue: true } });
    expect(nodes(overdue).map((node) => node.id)).toContain(bincheng.id);
    expect(nodes(overdue).every((node) => node.overdue)).toBe(true);
    const notOverdue = await run<Connection<{ overdue: boolean }>>(bureau, LIST, { filter: { overdue: false } });
    expect(notOverdue.totalCount + overdue.totalCount).toBe((await run<Connection<unknown>>(bureau, LIST, {})).totalCount);
    expect(nodes(notOverdue).every((node) => !node.overdue)).toBe(true);

    const county = await run<Connection<{ id: string; region: { code: string } }>>(countyAuthority(BINCHENG), LIST, {});
    expect(nodes(county).map((node) => node.id)).toContain(bincheng.id);
    expect(nodes(county).every((node) => node.region.code === BINCHENG)).toBe(true);
    const elsewhere = await run<Connection<{ id: string }>>(countyAuthority('371603'), LIST, {});
    expect(nodes(elsewhere).map((node) => node.id)).not.toContain(bincheng.id);

    const exempt = await run<Connection<{ status: string }>>(bureau, LIST, { filter: { status: 'EXEMPT', regionCode: '371603' } });
    expect(exempt.totalCount).toBeGreaterThan(0);
    expect(nodes(exempt).every((node) => node.status === 'EXEMPT')).toBe(true);
    const byUnit = await run<Connection<{ unit: { id: string } }>>(bureau, LIST, { filter: { unitId: bincheng.unitId } });
    expect(nodes(byUnit).every((node) => node.unit.id === bincheng.unitId)).toBe(true);
    expect(
      await run<{ offCloudSystems: { totalCount: number } }>(
        bureau,
        `query($id: ID!) { unit(id: $id) { offCloudSystems { totalCount } } }`,
        {
          id: bincheng.unitId,
        },
      ),
    ).toEqual({ offCloudSystems: { totalCount: byUnit.totalCount } });
  });

  it('pages in SQL: a page with its units and replacements costs the same statements for 4 rows as for 34', async () => {
    const PAGE = `{ offCloudSystems(first: 100) { totalCount edges { node { id unit { id name } replacementSystem { id } replacementApplication { id } } } } }`;
    const measure = async () => {
      const counter = sqlCounterOf(subgraph.dataSource);
      counter.reset();
      const page = await run<Connection<unknown>>(bureau, PAGE, {});
      return { rows: page.totalCount, statements: counter.count };
    };
    const before = await measure();
    // Units without the seeded registrations, so the figures the next test reads stay as seeded.
    const others = world.units.filter((candidate) => !seededUnits.has(candidate.id)).slice(0, 30);
    for (const other of others) await register(center, { unitId: other.id, targetOn: '2027-09-30' });
    const after = await measure();
    expect(after.rows).toBe(before.rows + 30);
    expect(after.statements).toBe(before.statements);
  });

  it('gives the evaluation each unit’s systems off the cloud without exemption and the overdue ones, to the city roles only', async () => {
    const summaries = await run<Array<{ unit: { id: string }; offCloudSystems: number; overdueSystems: number; referenceDate: string }>>(
      bureau,
      SUMMARIES,
      { year: 2026 },
    );
    const exemptUnit = seeded.find((row) => row.status === 'EXEMPT')!.unitId;
    expect(summaries.find((summary) => summary.unit.id === bincheng.unitId)).toMatchObject({
      offCloudSystems: 1,
      overdueSystems: 1,
      referenceDate: '2026-11-26',
    });
    expect(summaries.find((summary) => summary.unit.id === exemptUnit)).toBeUndefined();
    // Registered in 2026: nothing counted for 2025.
    expect(await run(auditor, SUMMARIES, { year: 2025 })).toEqual([]);
    expectRefused(await subgraph.query(countyAuthority(BINCHENG), SUMMARIES, { year: 2026 }), 'FORBIDDEN');
    expectRefused(
      await subgraph.query({ subject: 'u', role: Role.USER_UNIT, unitId: unit.id, regionCode: BINCHENG }, SUMMARIES, { year: 2026 }),
      'FORBIDDEN',
    );
    expectRefused(await subgraph.query(bureau, SUMMARIES, { year: 2027 }), 'BAD_USER_INPUT');
  });
});
