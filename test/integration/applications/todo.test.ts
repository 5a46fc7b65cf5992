// Query.todoItems on the demo data, each role's count checked against SQL written independently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { addWorkingDays } from '../../../subgraphs/kit/working-days';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, providerPrincipal, userUnit, world } from '../../setup/principals';

const TODAY = '2026-11-26';
const CENTER: Principal = { subject: 'test-center', role: Role.CENTER };
let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Item {
  id: string;
  kind: string;
  dueOn: string;
  overdue: boolean;
  action: string;
  rule: string | null;
  article: string;
  application: { id: string; number: string; region: { code: string }; unit: { id: string } };
  system: { id: string };
}

const TODO = `query ($first: Int, $after: String, $kind: TodoKind) {
  todoItems(first: $first, after: $after, kind: $kind) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id kind dueOn overdue action rule article application { id number region { code } unit { id } } system { id } } }
  }
}`;

async function todo(principal: Principal, variables: Record<string, unknown> = { first: 100 }) {
  const result = await subgraph.query<{ todoItems: { totalCount: number; edges: Array<{ node: Item }> } }>(principal, TODO, variables);
  expect(result.errors).toBeUndefined();
  return { total: result.data!.todoItems.totalCount, items: result.data!.todoItems.edges.map((edge) => edge.node) };
}

async function count(sql: string, parameters: unknown[] = []): Promise<number> {
  const rows: Array<{ n: string }> = await subgraph.dataSource.query(`SELECT count(*)::text AS n FROM ${sql}`, parameters);
  return Number(rows[0]!.n);
}

function kinds(items: readonly Item[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return counts;
}

describe('todoItems', () => {
  it('DECISION_5WD: gives the bureau every application awaiting its decision, with the overdue ones flagged, and every pending change', async () => {
    // COUNTY_FILING: a county unit's application awaits the bureau from submission, filed or not.
    const awaiting = `applications.application WHERE status IN ('SUBMITTED', 'FILED')`;
    const decisions = await count(awaiting);
    const overdue = await count(`${awaiting.replace('WHERE', 'WHERE decision_due_on < $1 AND (')})`, [TODAY]);
    const changes = await count(`applications.change_request WHERE status = 'PENDING'`);
    const { total, items } = await todo(bureau);
    expect(decisions).toBeGreaterThan(0);
    expect(overdue).toBeGreaterThan(0);
    expect(changes).toBeGreaterThan(0);
    expect(kinds(items)).toEqual({ DECIDE_APPLICATION: decisions, DECIDE_CHANGE: changes });
    expect(total).toBe(decisions + changes);
    expect(items.filter((item) => item.overdue && item.rule === 'DECISION_5WD')).toHaveLength(overdue);
    expect(items.every((item) => item.article && item.action)).toBe(true);
  });

  it('orders by due date, then id, and pages with the cursor', async () => {
    const { items } = await todo(bureau);
    const keys = items.map((item) => [item.dueOn, item.id].join(' '));
    expect(keys).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    const first = await subgraph.query<{ todoItems: { pageInfo: { endCursor: string }; edges: Array<{ node: Item }> } }>(bureau, TODO, {
      first: 2,
    });
    const rest = await todo(bureau, { first: 100, after: first.data!.todoItems.pageInfo.endCursor });
    expect([...first.data!.todoItems.edges.map((edge) => edge.node.id), ...rest.items.map((item) => item.id)]).toEqual(
      items.map((item) => item.id),
    );
  });

  it('COUNTY_FILING: gives county 371602 only its own submitted applications to file', async () => {
    const expected = await count(`applications.application WHERE status = 'SUBMITTED' AND region_code = $1`, [BINCHENG]);
    const { items } = await todo(countyAuthority(BINCHENG));
    expect(expected).toBeGreaterThan(0);
    expect(items).toHaveLength(expected);
    expect(items.every((item) => item.kind === 'FILE_APPLICATION' && item.application.region.code === BINCHENG)).toBe(true);
    const other = '371621';
    const elsewhere = await count(`applications.application WHERE status = 'SUBMITTED' AND region_code = $1`, [other]);
    const { items: others } = await todo(countyAuthority(other));
    expect(others).toHaveLength(elsewhere);
    expect(others.some((item) => items.some((own) => own.id === item.id))).toBe(false);
  });

  it('TEST_30D and LEGACY_3M: give each unit its own overdue test and its old system to shut down', async () => {
    const states = ['TESTING', 'IN_PRODUCTION', 'TERMINATING'];
    const cases = world.applications.filter((application) => states.includes(application.state));
    const seen: Record<string, number> = {};
    for (const unitId of new Set(cases.map((application) => application.unitId))) {
      const unit = world.units.find((candidate) => candidate.id === unitId)!;
      const { items } = await todo(userUnit(unit));
      expect(items.every((item) => item.application.unit.id === unitId)).toBe(true);
      for (const item of items) seen[item.kind] = (seen[item.kind] ?? 0) + 1;
    }
    const testOverdue = await count(
      `applications.application WHERE status = 'TESTING' AND test_ended_on IS NULL AND test_started_on + 30 < $1::date`,
      [TODAY],
    );
    const legacy = await count(
      `applications.application a JOIN applications.information_system s ON s.id = a.system_id
       WHERE a.kind = 'MIGRATION' AND a.status IN ('IN_PRODUCTION', 'TERMINATING') AND a.go_live_on IS NOT NULL AND s.legacy_shutdown_on IS NULL`,
    );
    expect(testOverdue).toBeGreaterThan(0);
    expect(legacy).toBeGreaterThan(0);
    expect(seen.REQUEST_GO_LIVE).toBe(testOverdue);
    expect(seen.SHUT_DOWN_LEGACY).toBe(legacy);
  });

  it('TERMINATION_STEPS: gives the provider its deliveries and next termination step, and the centre go-lives and steps', async () => {
    const procured = world.applications.find((application) => application.state === 'PROCURED')!;
    const provider = world.providers.find((candidate) => candidate.id === procured.providerId)!;
    const expectedDeliveries = await count(`applications.application WHERE status = 'PROCURED' AND provider_id = $1`, [provider.id]);
    const { items } = await todo(providerPrincipal(provider), { first: 100, kind: 'DELIVER_TEST_ENVIRONMENT' });
    expect(items).toHaveLength(expectedDeliveries);
    expect(expectedDeliveries).toBeGreaterThan(0);

    const stepsAfterShutdown = await count(
      `applications.application a WHERE a.status = 'TERMINATING'
       AND EXISTS (SELECT 1 FROM applications.termination_step t WHERE t.application_id = a.id AND t.step = 'SHUTDOWN')
       AND NOT EXISTS (SELECT 1 FROM applications.termination_step t WHERE t.application_id = a.id AND t.step = 'RESOURCE_RECOVERY')`,
    );
    const goLives = await count(`applications.application WHERE status = 'TESTING' AND test_ended_on IS NOT NULL`);
    const center = kinds((await todo(CENTER)).items);
    expect(stepsAfterShutdown).toBeGreaterThan(0);
    expect((center.CONFIRM_DATA_CLEARANCE ?? 0) + (center.CONFIRM_RESOURCE_RECOVERY ?? 0)).toBe(stepsAfterShutdown);
    expect(center.CONFIRM_GO_LIVE ?? 0).toBe(goLives);
  });

  it('第十条: gives each unit its accepted applications to procure, due the day of acceptance', async () => {
    const accepted: Array<{ id: string; unit_id: string; decided_on: string }> = await subgraph.dataSource.query(
      `SELECT id, unit_id, decided_on::text FROM applications.application WHERE status = 'ACCEPTED' ORDER BY id`,
    );
    expect(accepted.length).toBeGreaterThan(1);
    for (const application of accepted) {
      const owner = world.units.find((unit) => unit.id === application.unit_id)!;
      const { items } = await todo(userUnit(owner), { first: 100, kind: 'RECORD_PROCUREMENT' });
      expect(items.find((item) => item.application.id === application.id)).toMatchObject({
        dueOn: application.decided_on,
        overdue: false,
        rule: null,
        article: '第十条',
      });
      expect(items.every((item) => item.application.unit.id === owner.id)).toBe(true);
    }
  });

  it('CHANGE_APPROVAL: an approved change is on the chosen provider’s and the centre’s lists until carried out', async () => {
    const [change]: Array<{ id: string; provider_id: string; application_id: string }> = await subgraph.dataSource.query(
      `SELECT c.id, a.provider_id, a.id AS application_id FROM applications.change_request c
         JOIN applications.application a ON a.id = c.application_id
        WHERE c.status = 'PENDING' AND NOT EXISTS (SELECT 1 FROM applications.change_request_line l WHERE l.change_request_id = c.id)
        ORDER BY c.id LIMIT 1`,
    );
    const chosen = providerPrincipal(world.providers.find((candidate) => candidate.id === change!.provider_id)!);
    const other = providerPrincipal(world.providers.find((candidate) => candidate.id !== change!.provider_id)!);
    const version = async () =>
      (await subgraph.dataSource.query(`SELECT version FROM applications.application WHERE id = $1`, [change!.application_id]))[0].version;
    const carryOut = async (principal: Principal) =>
      (await todo(principal, { first: 100, kind: 'CARRY_OUT_CHANGE' })).items.filter(
        (item) => item.id === `CARRY_OUT_CHANGE:${change!.id}`,
      );
    expect(await carryOut(CENTER)).toEqual([]);

    const approved = await subgraph.query(
      bureau,
      `mutation($id: ID!, $version: Int!) { approveChange(changeRequestId: $id, version: $version) { id } }`,
      {
        id: change!.id,
        version: await version(),
      },
    );
    expect(approved.errors).toBeUndefined();
    // The day of approval, as the change request keeps it (the project's day, as carryOutChange reads it).
    const [{ decided_on: approvedOn }] = await subgraph.dataSource.query(
      `SELECT coalesce(decided_on, (decided_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS decided_on FROM applications.change_request WHERE id = $1`,
      [change!.id],
    );
    for (const principal of [chosen, CENTER]) {
      expect(await carryOut(principal)).toEqual([
        expect.objectContaining({ dueOn: approvedOn, overdue: false, rule: 'CHANGE_APPROVAL', article: '第十五条' }),
      ]);
    }
    expect(await carryOut(other)).toEqual([]);

    const carried = await subgraph.query(
      chosen,
      `mutation($id: ID!, $version: Int!, $on: Date!) { carryOutChange(changeRequestId: $id, version: $version, effectiveOn: $on) { id } }`,
      { id: change!.id, version: await version(), on: approvedOn },
    );
    expect(carried.errors, JSON.stringify(carried.errors)).toBeUndefined();
    expect(await carryOut(chosen)).toEqual([]);
    expect(await carryOut(CENTER)).toEqual([]);
  });

  it('is empty for roles that act on no application', async () => {
    for (const principal of [
      { subject: 'a', role: Role.AUDITOR },
      { subject: 'c', role: Role.CYBERSEC },
    ] satisfies Principal[]) {
      expect((await todo(principal)).total).toBe(0);
    }
  });

  it('runs the same few statements for first:5 as for first:50', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const statements: number[] = [];
    for (const first of [5, 50]) {
      counter.reset();
      await todo(bureau, { first });
      statements.push(counter.count);
    }
    expect(statements[1]).toBe(statements[0]);
    // The page, its applications with their systems, and the count (its own statement, run only when totalCount is asked for).
    expect(statements[0]).toBeLessThanOrEqual(4);
  });
});

describe('TEST_30D: the provider’s test-environment delivery', () => {
  it('is due the agreement’s working days after procurement, and flagged once that day has passed', async () => {
    const procured = world.applications.filter((application) => application.state === 'PROCURED');
    const seen: Array<{ dueOn: string; overdue: boolean }> = [];
    for (const providerId of new Set(procured.map((application) => application.providerId))) {
      const provider = world.providers.find((candidate) => candidate.id === providerId)!;
      const { items } = await todo(providerPrincipal(provider), { first: 100, kind: 'DELIVER_TEST_ENVIRONMENT' });
      for (const application of procured.filter((candidate) => candidate.providerId === providerId)) {
        const agreement = world.agreements.find(
          (candidate) =>
            candidate.providerId === providerId &&
            candidate.regionCode === application.regionCode &&
            candidate.startsOn <= application.submittedOn! &&
            application.submittedOn! <= candidate.endsOn,
        )!;
        const dueOn = addWorkingDays(application.procuredOn!, agreement.testEnvironmentDeliveryDays).date;
        const item = items.find((candidate) => candidate.application.id === application.id)!;
        expect(item).toMatchObject({ dueOn, overdue: dueOn < TODAY, rule: 'TEST_30D', article: '第十三条' });
        seen.push(item);
      }
    }
    // The demo has both: one procured yesterday, one procured in September and still undelivered.
    expect(seen.some((item) => item.overdue)).toBe(true);
    expect(seen.some((item) => !item.overdue)).toBe(true);
  });
});
