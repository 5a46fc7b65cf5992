// Utilisation evaluation (第十六条、第二十五条) in the supervision subgraph: the seeded flags, scope,
// paging, constant SQL counts, and the bureau's order carried into the applications subgraph as a
// change request (第十五条), once however often the effect is delivered.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { JOBS_SCHEMA } from '../../../subgraphs/kit/jobs';
import { OPEN_UTILISATION_CHANGE_REQUEST_TASK } from '../../../subgraphs/contracts/utilisation-orders';
import { bureau, countyAuthority, providerPrincipal, userUnit, world } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { jobsOf, refusalsOf, waitFor } from '../effects/helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true, alongside: ['applications'], effectWorkers: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const systemByCode = (code: string) => world.systems.find((system) => system.code === code)!;
const IDLE = systemByCode('S-371600-009-01');
const UNDER_USED = systemByCode('S-371623-005-02');
const BACKUPS = world.systems.filter((system) => system.isDisasterRecovery || system.isStandby);
const NORMAL = systemByCode('S-371600-001-01');

interface EvaluationNode {
  flag: string;
  usageScore: number | null;
  daysWithData: number;
  system: { id: string };
  cpu: { average: number; p95: number; peak: number } | null;
  network: { average: number; p95: number; peak: number } | null;
}
interface ListAnswer {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: EvaluationNode }>;
}

const NODE = `flag usageScore daysWithData system { id } cpu { average p95 peak } network { average p95 peak }`;
const FLAGGED = `query($flag: UtilisationFlag, $regionCode: String, $providerId: ID, $first: Int, $after: String) {
  flaggedSystems(flag: $flag, regionCode: $regionCode, providerId: $providerId, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${NODE} } } } }`;

async function flagged(principal = bureau, variables: Record<string, unknown> = {}): Promise<ListAnswer> {
  const result = await subgraph.query<{ flaggedSystems: ListAnswer }>(principal, FLAGGED, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.flaggedSystems;
}

const ids = (answer: ListAnswer) => answer.edges.map((edge) => edge.node.system.id);

describe('utilisation flags', () => {
  it('flags the seeded idle and under-used systems, and excludes disaster-recovery and standby ones', async () => {
    const answer = await flagged();
    const byId = new Map(answer.edges.map((edge) => [edge.node.system.id, edge.node]));
    expect(byId.get(IDLE.id)?.flag).toBe('IDLE');
    expect(byId.get(UNDER_USED.id)?.flag).toBe('UNDER_USED');
    for (const backup of BACKUPS) expect(byId.has(backup.id)).toBe(false);
    const excluded = ids(await flagged(bureau, { flag: 'EXCLUDED', first: 100 }));
    expect(new Set(excluded)).toEqual(new Set(BACKUPS.filter((system) => system.goLiveOn && !system.retiredOn).map((system) => system.id)));
    expect(ids(await flagged(bureau, { flag: 'NORMAL', first: 100 }))).toContain(NORMAL.id);
  });

  it('derives P95 as the highest daily P95 and the average weighted by samples, as SQL over the roll-ups says', async () => {
    const answer = await flagged(bureau, { flag: 'IDLE' });
    const node = answer.edges.find((edge) => edge.node.system.id === IDLE.id)!.node;
    const [direct] = await subgraph.dataSource.query(
      `SELECT max(cpu_p95_percent)::float AS p95, max(cpu_peak_percent)::float AS peak,
              round(sum(cpu_avg_percent * sample_count) / sum(sample_count), 2)::float AS average,
              max(network_p95_percent)::float AS network_p95, count(*)::int AS days
         FROM supervision.monitoring_daily WHERE system_id = $1 AND day BETWEEN '2026-10-28' AND '2026-11-26'`,
      [IDLE.id],
    );
    expect(node.cpu).toEqual({ average: direct.average, p95: direct.p95, peak: direct.peak });
    expect(node.network!.p95).toBe(direct.network_p95);
    expect(node.daysWithData).toBe(direct.days);
    expect(node.cpu!.p95).toBeLessThan(5);
  });

  it('shows each role its scope: a county its county, a unit its own, a provider its platform', async () => {
    const county = ids(await flagged(countyAuthority(UNDER_USED.regionCode)));
    expect(county).toContain(UNDER_USED.id);
    expect(county).not.toContain(IDLE.id);
    const unit = world.units.find((candidate) => candidate.id === IDLE.unitId)!;
    expect(ids(await flagged(userUnit(unit)))).toEqual([IDLE.id]);
    const provider = world.providers.find((candidate) => candidate.id === UNDER_USED.providerId)!;
    const hosted = ids(await flagged(providerPrincipal(provider), { flag: 'NORMAL', first: 100 }));
    for (const id of hosted) expect(world.systems.find((system) => system.id === id)!.providerId).toBe(provider.id);
    expect(ids(await flagged(bureau, { regionCode: UNDER_USED.regionCode }))).toEqual([UNDER_USED.id]);
  });

  it('pages through a list without gaps or repeats', async () => {
    const all = await flagged(bureau, { flag: 'NORMAL', first: 100 });
    expect(all.totalCount).toBeGreaterThan(10);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: ListAnswer = await flagged(bureau, { flag: 'NORMAL', first: 4, after });
      seen.push(...ids(page));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(ids(all));
  });

  it('answers "the ten least-used systems" in one statement once the period is kept, lowest usage first, backups left out', async () => {
    const query = `query($first: Int) { leastUsedSystems(first: $first) { edges { node { ${NODE} } } } }`;
    const counter = sqlCounterOf(subgraph.dataSource);
    await subgraph.query(bureau, query, { first: 1 }); // the period's first read keeps its summary (issue 14)
    counter.reset();
    const ten = await subgraph.query<{ leastUsedSystems: ListAnswer }>(bureau, query, { first: 10 });
    const tenCount = counter.count;
    counter.reset();
    await subgraph.query(bureau, query, { first: 50 });
    expect(counter.count).toBe(tenCount);
    expect(tenCount).toBe(1);
    const nodes = ten.data!.leastUsedSystems.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(10);
    expect(nodes[0]!.system.id).toBe(IDLE.id);
    const scores = nodes.map((node) => node.usageScore!);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    for (const node of nodes) expect(['EXCLUDED', 'NO_DATA']).not.toContain(node.flag);
  });
});

describe('yearUtilisation', () => {
  const QUERY = `query($r: [_Any!]!, $year: Int!) { _entities(representations: $r) { ... on InformationSystem { id yearUtilisation(year: $year) { year flag daysWithData cpu { p95 } } } } }`;
  const representations = (count: number) =>
    world.systems.slice(0, count).map((system) => ({ __typename: 'InformationSystem', id: system.id }));

  it('gives the flag per system, NO_DATA without data, in the same number of statements for 10 or 100 systems', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    counter.reset();
    const ten = await subgraph.query<{ _entities: unknown[] }>(bureau, QUERY, { r: representations(10), year: 2026 });
    const tenCount = counter.count;
    expect(ten.errors).toBeUndefined();
    counter.reset();
    const hundred = await subgraph.query<{ _entities: unknown[] }>(bureau, QUERY, { r: representations(100), year: 2026 });
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data!._entities).toHaveLength(100);
    expect(counter.count).toBe(tenCount);
    expect(tenCount).toBe(1);

    const mine = await subgraph.query<{ _entities: Array<{ yearUtilisation: { flag: string; daysWithData: number } }> }>(bureau, QUERY, {
      r: [IDLE, BACKUPS[0]!].map((system) => ({ __typename: 'InformationSystem', id: system.id })),
      year: 2026,
    });
    expect(mine.data!._entities.map((entity) => entity.yearUtilisation.flag)).toEqual(['IDLE', 'EXCLUDED']);
    const before = await subgraph.query<{ _entities: Array<{ yearUtilisation: { flag: string } }> }>(bureau, QUERY, {
      r: [{ __typename: 'InformationSystem', id: IDLE.id }],
      year: 2025,
    });
    expect(before.data!._entities[0]!.yearUtilisation.flag).toBe('NO_DATA');
  });

  it('shows an out-of-scope system as NO_DATA, revealing nothing', async () => {
    const county = await subgraph.query<{ _entities: Array<{ yearUtilisation: { flag: string; cpu: unknown } }> }>(
      countyAuthority(UNDER_USED.regionCode),
      QUERY,
      { r: [{ __typename: 'InformationSystem', id: IDLE.id }], year: 2026 },
    );
    expect(county.data!._entities[0]!.yearUtilisation).toMatchObject({ flag: 'NO_DATA', cpu: null });
  });
});

describe('utilisation orders', () => {
  const ORDER = `mutation($input: OrderUtilisationChangeInput!) { orderUtilisationChange(input: $input) { id status flag kind system { id } } }`;
  const ordersCount = async () => (await subgraph.dataSource.query(`SELECT count(*)::int AS n FROM supervision.utilisation_order`))[0].n;
  const changeRequestsOf = (orderId: string) =>
    subgraph.dataSource.query(
      `SELECT id, application_id, origin, status, requested_by FROM applications.change_request WHERE utilisation_order_id = $1`,
      [orderId],
    );

  it('refuses other roles, bad input and systems that are not flagged, changing nothing', async () => {
    const before = await ordersCount();
    const unit = world.units.find((candidate) => candidate.id === IDLE.unitId)!;
    const asUnit = await subgraph.query(userUnit(unit), ORDER, { input: { systemId: IDLE.id, kind: 'DOWNSIZE', reason: '闲置' } });
    expect(asUnit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const blank = await subgraph.query(bureau, ORDER, { input: { systemId: IDLE.id, kind: 'DOWNSIZE', reason: '  ' } });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const normal = await subgraph.query(bureau, ORDER, { input: { systemId: NORMAL.id, kind: 'DOWNSIZE', reason: '试图缩容正常系统' } });
    expect(normal.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(normal.errors?.[0]?.message).toContain('只有闲置或低利用率的系统');
    const backup = await subgraph.query(bureau, ORDER, { input: { systemId: BACKUPS[0]!.id, kind: 'RECLAIM', reason: '灾备' } });
    expect(backup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const reclaimUnderUsed = await subgraph.query(bureau, ORDER, { input: { systemId: UNDER_USED.id, kind: 'RECLAIM', reason: '回收' } });
    expect(reclaimUnderUsed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await ordersCount()).toBe(before);
  });

  it('turns an idle system into a downsize order and a change request on its application in production, once', async () => {
    const result = await subgraph.query<{ orderUtilisationChange: { id: string; status: string; flag: string } }>(bureau, ORDER, {
      input: { systemId: IDLE.id, kind: 'DOWNSIZE', reason: '近 30 天 CPU 95 分位低于 5%，请缩减云主机规格' },
    });
    expect(result.errors).toBeUndefined();
    const order = result.data!.orderUtilisationChange;
    expect(order).toMatchObject({ status: 'ORDERED', flag: 'IDLE' });

    const STATUS = `query($systemId: ID) { utilisationOrders(systemId: $systemId) { edges { node { id status changeRequestId applicationId } } } }`;
    const statusOf = async () =>
      (
        await subgraph.query<{ utilisationOrders: { edges: Array<{ node: { status: string; changeRequestId: string | null } }> } }>(
          bureau,
          STATUS,
          {
            systemId: IDLE.id,
          },
        )
      ).data!.utilisationOrders.edges[0]!.node;
    await waitFor('the order to become a change request', async () => (await statusOf()).status === 'CHANGE_REQUESTED');

    const [change] = await changeRequestsOf(order.id);
    const application = world.applications.find((candidate) => candidate.systemId === IDLE.id && candidate.state === 'IN_PRODUCTION')!;
    expect(change).toMatchObject({
      application_id: application.id,
      origin: 'UTILISATION_ORDER',
      status: 'PENDING',
      requested_by: bureau.subject,
    });
    expect((await statusOf()).changeRequestId).toBe(change.id);
    const [{ version }] = await subgraph.dataSource.query(`SELECT version FROM applications.application WHERE id = $1`, [application.id]);

    // Delivered again (as after a crash before the job completed): nothing more happens.
    const [job] = await subgraph.dataSource.query(`SELECT ${JOBS_SCHEMA}.add_job($1::text, $2::json, job_key => $3::text) AS job`, [
      OPEN_UTILISATION_CHANGE_REQUEST_TASK,
      JSON.stringify({
        orderId: order.id,
        systemId: IDLE.id,
        kind: 'DOWNSIZE',
        flag: 'IDLE',
        reason: '重复投递',
        orderedBy: bureau.subject,
      }),
      `redelivery-${order.id}`,
    ]);
    expect(job).toBeDefined();
    await waitFor(
      'the redelivery to be handled',
      async () => (await jobsOf(subgraph.dataSource, OPEN_UTILISATION_CHANGE_REQUEST_TASK)).length === 0,
    );
    expect(await changeRequestsOf(order.id)).toHaveLength(1);
    const [{ version: after }] = await subgraph.dataSource.query(`SELECT version FROM applications.application WHERE id = $1`, [
      application.id,
    ]);
    expect(after).toBe(version);
  });

  it('refuses for good when the system has no application in production, and the order records why', async () => {
    const orderId = randomUUID();
    await subgraph.dataSource.query(
      `INSERT INTO supervision.utilisation_order (id, system_id, unit_id, region_code, provider_id, flag, kind, reason, period_from, period_to, ordered_by, ordered_at, status)
       VALUES ($1, $2, $3, $4, $5, 'IDLE', 'DOWNSIZE', '测试', '2026-10-28', '2026-11-26', $6, now(), 'ORDERED')`,
      [orderId, NORMAL.id, NORMAL.unitId, NORMAL.regionCode, NORMAL.providerId, bureau.subject],
    );
    await subgraph.dataSource.query(`SELECT ${JOBS_SCHEMA}.add_job($1::text, $2::json)`, [
      OPEN_UTILISATION_CHANGE_REQUEST_TASK,
      JSON.stringify({ orderId, systemId: NORMAL.id, kind: 'DOWNSIZE', flag: 'IDLE', reason: '测试', orderedBy: bureau.subject }),
    ]);
    await waitFor('the refusal to reach the order', async () => {
      const [row] = await subgraph.dataSource.query(`SELECT status FROM supervision.utilisation_order WHERE id = $1`, [orderId]);
      return row.status === 'REFUSED';
    });
    const [row] = await subgraph.dataSource.query(`SELECT refusal_reason FROM supervision.utilisation_order WHERE id = $1`, [orderId]);
    expect(row.refusal_reason).toContain('没有正式运行中的上云申请');
    const refusals = await refusalsOf(subgraph.dataSource, OPEN_UTILISATION_CHANGE_REQUEST_TASK);
    expect(
      refusals.some((refusal) => (refusal.payload as { orderId: string }).orderId === orderId && refusal.code === 'RULE_VIOLATION'),
    ).toBe(true);
    expect(await changeRequestsOf(orderId)).toHaveLength(0);
  });
});
