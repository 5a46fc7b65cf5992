// todoItems in SQL (issue 14): every role's list as todo-items.query.ts computes it is the list the
// rules of todo.rules.ts and todo-migrations.rules.ts give over the same rows (the in-memory
// derivation the subgraph used before, test/setup/todo-reference.ts): same items, due dates,
// estimates, overdue flags, actions, rules and articles, on the demo world today and months later.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeOf, Role, type Principal } from '../../../subgraphs/kit/principal';
import { addWorkingDays } from '../../../subgraphs/kit/working-days';
import { decisionDeadline, DECISION_WORKING_DAYS } from '../../../subgraphs/applications/lifecycle/deadlines.rules';
import { COUNTY_FILING_WORKING_DAYS } from '../../../subgraphs/applications/lifecycle/county-filing.rules';
import { REGIONS } from '../../../subgraphs/kit/regions';
import { allTodoItems, NO_TODO_CONDITIONS } from '../../../subgraphs/applications/todo/todo-items.query';
import type { TodoItem } from '../../../subgraphs/applications/todo/todo.rules';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, countyAuthority, providerPrincipal, userUnit, world } from '../../setup/principals';
import { TodoReference } from '../../setup/todo-reference';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

function comparable(item: TodoItem) {
  const { id, kind, applicationId, migrationId, systemId, dueOn, overdue, action, rule, article } = item;
  return {
    id,
    kind,
    applicationId,
    migrationId,
    systemId,
    dueOn,
    dueOnEstimated: item.dueOnEstimated ?? false,
    overdue,
    action,
    rule,
    article,
  };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const principals: Principal[] = [
  bureau,
  { subject: 'test-center', role: Role.CENTER },
  ...REGIONS.filter((region) => region.level === 'COUNTY').map((region) => countyAuthority(region.code)),
  ...world.units.map(userUnit),
  ...world.providers.map(providerPrincipal),
];

/** Every principal's list by SQL and by the rules, compared; what was compared. */
async function compareAll(today: string) {
  let compared = 0;
  let estimated = false;
  const kinds = new Set<string>();
  for (const principal of principals) {
    const scope = scopeOf(principal);
    const expected = (await new TodoReference(subgraph.dataSource, principal, scope).load(today)).items.map(comparable).sort(byId);
    const viewer = { role: principal.role, providerId: principal.providerId };
    const actual = await allTodoItems({
      dataSource: subgraph.dataSource,
      viewer,
      scope,
      today,
      conditions: NO_TODO_CONDITIONS,
      external: [],
    });
    expect(actual.map(comparable).sort(byId), `${principal.subject} on ${today}`).toEqual(expected);
    compared += expected.length;
    for (const item of expected) kinds.add(item.kind);
    estimated ||= expected.some((item) => item.dueOnEstimated);
  }
  return { compared, kinds, estimated };
}

describe('todoItems in SQL', () => {
  it('COUNTY_FILING: reads the filing’s day from decision_due_on, which holds while both count the same working days from submission', () => {
    expect(COUNTY_FILING_WORKING_DAYS).toBe(DECISION_WORKING_DAYS);
  });

  it.each(['2026-11-26', '2027-03-15'])('gives every role on %s the items the to-do rules give', async (today) => {
    const { compared, kinds } = await compareAll(today);
    expect(compared).toBeGreaterThan(20);
    expect(kinds.size).toBeGreaterThanOrEqual(10);
  });

  it('gives the same items for the cases the demo lacks: prices above the cap, go-lives, abandoned applications, exit migrations, approved changes, estimated deadlines', async () => {
    const sql = (text: string, parameters: unknown[] = []) => subgraph.dataSource.query(text, parameters);
    const testing: Array<{ id: string }> = await sql(
      `SELECT id FROM applications.application WHERE status = 'TESTING' ORDER BY id LIMIT 2`,
    );
    await sql(`UPDATE applications.application SET price_above_cap_since = '2026-11-20' WHERE id = $1`, [testing[0]!.id]);
    await sql(`UPDATE applications.application SET test_ended_on = '2026-11-25' WHERE id = $1`, [testing[1]!.id]);
    // 第十五条: ended before go-live and reported.
    await sql(
      `UPDATE applications.application SET status = 'TERMINATING', termination_reported_on = '2026-11-24', go_live_on = NULL
       WHERE id = (SELECT id FROM applications.application WHERE status = 'ACCEPTED' ORDER BY id LIMIT 1)`,
    );
    // Deadlines counted into 2027, a year without a published calendar, as the verbs fix them.
    const submitted = decisionDeadline('2027-12-24');
    await sql(
      `UPDATE applications.application SET submitted_on = '2027-12-24', decision_due_on = $1, decision_due_estimated = $2
       WHERE id = (SELECT id FROM applications.application WHERE status = 'SUBMITTED' AND region_code <> '371600' ORDER BY id LIMIT 1)`,
      [submitted.date, submitted.estimated],
    );
    const [procured] = await sql(
      `SELECT id, test_delivery_days AS days FROM applications.application WHERE status = 'PROCURED' AND test_delivery_days > 0 ORDER BY id LIMIT 1`,
    );
    const delivery = addWorkingDays('2027-12-23', procured.days);
    await sql(
      `UPDATE applications.application SET procured_on = '2027-12-23', test_delivery_due_on = $2, test_delivery_due_estimated = $3 WHERE id = $1`,
      [procured.id, delivery.date, delivery.estimated],
    );
    // EXIT_TRANSITION_3M: one system to move, one moved and awaiting its data's clearance, one cleared.
    await sql(
      `INSERT INTO applications.system_migration (id, exit_id, system_id, unit_id, region_code, provider_id, due_on, status, migrated_on, data_cleared_on, created_at)
       SELECT gen_random_uuid(), $1, s.id, s.unit_id, s.region_code, s.provider_id, '2026-11-30', st.status,
              CASE WHEN st.status <> 'PENDING' THEN DATE '2026-11-20' END, CASE WHEN st.status = 'CLEARED' THEN DATE '2026-11-22' END, now()
       FROM (SELECT *, row_number() OVER (ORDER BY id) AS n FROM applications.information_system WHERE provider_id IS NOT NULL) s
       JOIN (VALUES (1, 'PENDING'), (2, 'MIGRATED'), (3, 'CLEARED'), (4, 'PENDING')) AS st(n, status) ON st.n = s.n`,
      [randomUUID()],
    );
    // CHANGE_APPROVAL: approved changes awaiting the chosen provider and the centre.
    await sql(
      `INSERT INTO applications.change_request (id, application_id, description, status, requested_by, requested_at, decided_by, decided_at)
       SELECT gen_random_uuid(), id, '扩容云主机', 'APPROVED', 'unit', '2026-11-18 10:00+08', 'bureau', '2026-11-23 23:30+08'
         FROM applications.application WHERE status IN ('TESTING', 'IN_PRODUCTION') ORDER BY id LIMIT 2`,
    );
    // DESIGNATED_PROVIDER: a county exit heard of, reaching an accepted application (not the go-live above).
    await sql(
      `INSERT INTO applications.exit_notice (exit_id, provider_id, region_code, transition_ends_on, system_count, received_at)
       SELECT gen_random_uuid(), a.provider_id, a.region_code, '2027-03-01', 0, now() FROM applications.application a
        WHERE a.status = 'ACCEPTED' AND (a.provider_id, a.region_code) <> (SELECT provider_id, region_code FROM applications.application WHERE id = $1)
        ORDER BY a.id LIMIT 1`,
      [testing[1]!.id],
    );
    // LEGACY_3M: a migrated system's old one recorded switched off, not yet confirmed by the centre.
    await sql(
      `INSERT INTO applications.legacy_shutdown (system_id, shutdown_on, note, recorded_by, recorded_at)
       SELECT a.system_id, a.go_live_on + 10, '原系统已下电', 'unit', '2026-11-20 23:30+08' FROM applications.application a
        WHERE a.kind = 'MIGRATION' AND a.status = 'IN_PRODUCTION' AND a.go_live_on IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM applications.legacy_shutdown l WHERE l.system_id = a.system_id)
        ORDER BY a.id LIMIT 1`,
    );
    const { kinds } = await compareAll('2026-11-26');
    for (const kind of [
      'RENEGOTIATE_PRICE',
      'NOTE_PRICE_ABOVE_CAP',
      'CONFIRM_GO_LIVE',
      'NOTE_ABANDONED_APPLICATION',
      'MIGRATE_SYSTEM',
      'CLEAR_MIGRATED_DATA',
      'CARRY_OUT_CHANGE',
      'RECORD_PROCUREMENT',
      'TERMINATE_APPLICATION',
      'CONFIRM_LEGACY_SHUTDOWN',
    ]) {
      expect(kinds.has(kind), kind).toBe(true);
    }
    expect(await compareAll('2027-12-30')).toMatchObject({ estimated: true });
  });
});
