// The scheduled job applications.flagOverdue on the demo data: it records each case past
// DECISION_5WD, TEST_30D or LEGACY_3M once, however often it runs, and Application.overdueFlags shows them.
import type { JobHelpers } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEffectTasks, FLAG_OVERDUE_TASK } from '../../../subgraphs/applications/effects';
import { flagOverdue } from '../../../subgraphs/applications/todo/overdue-flag.service';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, world } from '../../setup/principals';
import { addWorkingDays } from '../../../subgraphs/kit/working-days';

const TODAY = '2026-11-26';
let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

async function count(sql: string, parameters: unknown[] = []): Promise<number> {
  const rows: Array<{ n: string }> = await subgraph.dataSource.query(`SELECT count(*)::text AS n FROM ${sql}`, parameters);
  return Number(rows[0]!.n);
}

const flags = () =>
  subgraph.dataSource.query(
    `SELECT id, application_id, system_id, rule, due_on::text, flagged_at FROM applications.overdue_flag ORDER BY application_id, rule, due_on`,
  );

describe('applications.flagOverdue', () => {
  it('records each overdue case once per rule and deadline; running again changes nothing', async () => {
    const decisions = await count(
      `applications.application WHERE decision_due_on < $1
         AND status IN ('SUBMITTED', 'FILED')`,
      [TODAY],
    );
    const tests = await count(
      `applications.application WHERE status = 'TESTING' AND test_ended_on IS NULL AND test_started_on + 30 < $1::date`,
      [TODAY],
    );
    const legacy = await count(
      `applications.application a JOIN applications.information_system s ON s.id = a.system_id
        WHERE a.kind = 'MIGRATION' AND a.status IN ('IN_PRODUCTION', 'TERMINATING') AND s.legacy_shutdown_on IS NULL
          AND (a.go_live_on + interval '3 months')::date < $1::date`,
      [TODAY],
    );
    // TEST_30D also flags a test environment delivered late: due the agreement's working days after procurement.
    const lateDeliveries = world.applications.filter((application) => {
      if (application.state !== 'PROCURED') return false;
      const agreement = world.agreements.find(
        (candidate) =>
          candidate.providerId === application.providerId &&
          candidate.regionCode === application.regionCode &&
          candidate.startsOn <= application.submittedOn! &&
          application.submittedOn! <= candidate.endsOn,
      )!;
      return addWorkingDays(application.procuredOn!, agreement.testEnvironmentDeliveryDays).date < TODAY;
    }).length;
    expect(Math.min(decisions, tests, legacy, lateDeliveries)).toBeGreaterThan(0);

    expect(await flagOverdue(subgraph.dataSource, TODAY)).toBe(decisions + tests + lateDeliveries + legacy);
    const first = await flags();
    const byRule = (rule: string) => first.filter((row: { rule: string }) => row.rule === rule).length;
    expect([byRule('DECISION_5WD'), byRule('TEST_30D'), byRule('LEGACY_3M')]).toEqual([decisions, tests + lateDeliveries, legacy]);

    expect(await flagOverdue(subgraph.dataSource, TODAY)).toBe(0);
    await createEffectTasks({ dataSource: subgraph.dataSource })[FLAG_OVERDUE_TASK]!({}, {} as JobHelpers);
    expect(await flags()).toEqual(first);
  });

  it('shows the flags on Application.overdueFlags with their rule and article', async () => {
    const [flag]: Array<{ application_id: string; rule: string; due_on: string }> = await subgraph.dataSource.query(
      `SELECT application_id, rule, due_on::text FROM applications.overdue_flag WHERE rule = 'TEST_30D' LIMIT 1`,
    );
    const result = await subgraph.query<{ application: { overdueFlags: { totalCount: number; edges: Array<{ node: unknown }> } } }>(
      bureau,
      `query ($id: ID!) { application(id: $id) { overdueFlags { totalCount edges { node { rule article dueOn flaggedAt } } } } }`,
      { id: flag!.application_id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.application.overdueFlags.edges.map((edge) => edge.node)).toContainEqual({
      rule: 'TEST_30D',
      article: '第十三条',
      dueOn: flag!.due_on,
      flaggedAt: expect.any(String),
    });
  });
});
