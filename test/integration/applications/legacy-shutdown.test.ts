// LEGACY_3M (第十四条): the unit records the day its old system was switched off, with evidence; the
// centre confirms. Recording it ends the to-do item, and a shutdown in time clears the overdue flag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagOverdue } from '../../../subgraphs/applications/todo/overdue-flag.service';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { userUnit, world } from '../../setup/principals';
import { center, expectRefused } from './lifecycle-helpers';

const TODAY = '2026-11-26';
let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const RECORD = `mutation($input: LegacyShutdownInput!) {
  recordLegacyShutdown(input: $input) { shutdownOn dueOn late note evidenceReference recordedBy confirmedBy version system { id legacyShutdownOn } }
}`;
const CONFIRM = `mutation($systemId: ID!, $version: Int) {
  confirmLegacyShutdown(systemId: $systemId, version: $version) { shutdownOn confirmedBy confirmedAt version }
}`;
const APPLICATION = `query($id: ID!) { application(id: $id) { legacyOverdue legacyShutdownDue overdueFlags(first: 100) { edges { node { rule } } } } }`;
const TODO = `{ todoItems(first: 100, kind: SHUT_DOWN_LEGACY) { edges { node { application { id } } } } }`;

/** A migrated system live since 2025-12-30 whose old system still runs (seed/world/application-plan.ts). */
function keptRunning() {
  const application = world.applications.find((candidate) => candidate.code === 'A-2025-0031')!;
  const unit = world.units.find((candidate) => candidate.id === application.unitId)!;
  return { application, unit, principal: userUnit(unit) };
}

async function state(principal: ReturnType<typeof userUnit>, applicationId: string) {
  const application = await subgraph.query<{
    application: { legacyOverdue: boolean; overdueFlags: { edges: Array<{ node: { rule: string } }> } };
  }>(principal, APPLICATION, { id: applicationId });
  expect(application.errors).toBeUndefined();
  const todo = await subgraph.query<{ todoItems: { edges: Array<{ node: { application: { id: string } } }> } }>(principal, TODO);
  expect(todo.errors).toBeUndefined();
  return {
    legacyOverdue: application.data!.application.legacyOverdue,
    flags: application.data!.application.overdueFlags.edges.filter((edge) => edge.node.rule === 'LEGACY_3M').length,
    todo: todo.data!.todoItems.edges.filter((edge) => edge.node.application.id === applicationId).length,
  };
}

describe('LEGACY_3M: recording the old system switched off', () => {
  it('refuses a shutdown without evidence, before go-live, for a system with no old one, or by another unit', async () => {
    const { application, principal } = keptRunning();
    const other = world.units.find((unit) => unit.id !== application.unitId)!;
    const newSystem = world.systems.find((system) => system.unitId === application.unitId && system.legacySystemName === null)!;
    const attempt = (input: Record<string, unknown>, who = principal) =>
      subgraph.query(who, RECORD, { input: { systemId: application.systemId, ...input } });
    expectRefused(await attempt({ shutdownOn: '2026-03-27' }), 'BAD_USER_INPUT');
    expectRefused(await attempt({ shutdownOn: '2025-12-01', note: '说明' }), 'RULE_VIOLATION', 'LEGACY_3M', '第十四条');
    expectRefused(await attempt({ shutdownOn: '2026-03-27', note: '说明' }, userUnit(other)), 'NOT_FOUND');
    expectRefused(
      await attempt({ systemId: newSystem.id, shutdownOn: '2026-03-27', note: '说明' }),
      'RULE_VIOLATION',
      'LEGACY_3M',
      '第十四条',
    );
    const [{ recorded }] = await subgraph.dataSource.query(`SELECT count(*)::int AS recorded FROM applications.legacy_shutdown`);
    expect(recorded).toBe(0);
  });

  it('a shutdown within three months of go-live ends the to-do item and clears the overdue flag; the centre confirms it', async () => {
    const { application, principal } = keptRunning();
    await flagOverdue(subgraph.dataSource, TODAY);
    expect(await state(principal, application.id)).toEqual({ legacyOverdue: true, flags: 1, todo: 1 });

    const recorded = await subgraph.query<{ recordLegacyShutdown: Record<string, unknown> }>(principal, RECORD, {
      input: {
        systemId: application.systemId,
        shutdownOn: '2026-03-27',
        note: '原系统服务器已下电',
        evidenceReference: '滨政务〔2026〕12号',
      },
    });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordLegacyShutdown).toMatchObject({
      shutdownOn: '2026-03-27',
      dueOn: '2026-03-30',
      late: false,
      confirmedBy: null,
      system: { id: application.systemId, legacyShutdownOn: '2026-03-27' },
    });
    expect(await state(principal, application.id)).toEqual({ legacyOverdue: false, flags: 0, todo: 0 });
    // The job finds nothing more to flag for it.
    await flagOverdue(subgraph.dataSource, TODAY);
    expect((await state(principal, application.id)).flags).toBe(0);

    expect(recorded.data!.recordLegacyShutdown.version).toBe(1);
    // The unit corrects its note after the centre read version 1: confirming what it read is a CONFLICT.
    const corrected = await subgraph.query<{ recordLegacyShutdown: { version: number } }>(principal, RECORD, {
      input: {
        systemId: application.systemId,
        shutdownOn: '2026-03-27',
        note: '原系统服务器已下电并拆除',
        evidenceReference: '滨政务〔2026〕12号',
      },
    });
    expect(corrected.data!.recordLegacyShutdown.version).toBe(2);
    expectRefused(await subgraph.query(center, CONFIRM, { systemId: application.systemId, version: 1 }), 'CONFLICT');

    // Recorded and not yet confirmed: on the centre's list until it is.
    const centreItems = async () =>
      (
        await subgraph.query<{ todoItems: { edges: Array<{ node: { id: string; action: string } }> } }>(
          center,
          `{ todoItems(first: 100, kind: CONFIRM_LEGACY_SHUTDOWN) { edges { node { id action } } } }`,
        )
      ).data!.todoItems.edges.map((edge) => edge.node.id);
    expect(await centreItems()).toContain(`CONFIRM_LEGACY_SHUTDOWN:${application.id}`);

    const confirmed = await subgraph.query<{ confirmLegacyShutdown: { confirmedBy: string; version: number } }>(center, CONFIRM, {
      systemId: application.systemId,
      version: 2,
    });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmLegacyShutdown).toMatchObject({ confirmedBy: center.subject, version: 2 });
    expect(await centreItems()).not.toContain(`CONFIRM_LEGACY_SHUTDOWN:${application.id}`);
    // Confirmed, it stands: a correction is refused.
    expectRefused(
      await subgraph.query(principal, RECORD, { input: { systemId: application.systemId, shutdownOn: '2026-03-28', note: '更正' } }),
      'RULE_VIOLATION',
      'LEGACY_3M',
      '第十四条',
    );
  });

  it('a late shutdown also ends the to-do item and clears the overdue flag; its lateness stays on the record and the application', async () => {
    const { application, principal } = keptRunning();
    // The seeded case again: the old system still running, nothing recorded.
    await subgraph.dataSource.query(`DELETE FROM applications.legacy_shutdown WHERE system_id = $1`, [application.systemId]);
    await subgraph.dataSource.query(`UPDATE applications.information_system SET legacy_shutdown_on = NULL WHERE id = $1`, [
      application.systemId,
    ]);
    await flagOverdue(subgraph.dataSource, TODAY);
    expect(await state(principal, application.id)).toEqual({ legacyOverdue: true, flags: 1, todo: 1 });

    const recorded = await subgraph.query<{ recordLegacyShutdown: Record<string, unknown> }>(
      principal,
      `mutation($input: LegacyShutdownInput!) { recordLegacyShutdown(input: $input) { shutdownOn dueOn late daysLate } }`,
      { input: { systemId: application.systemId, shutdownOn: '2026-04-10', note: '原系统迟于期限下电' } },
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordLegacyShutdown).toEqual({ shutdownOn: '2026-04-10', dueOn: '2026-03-30', late: true, daysLate: 11 });
    expect(await state(principal, application.id)).toEqual({ legacyOverdue: false, flags: 0, todo: 0 });
    await flagOverdue(subgraph.dataSource, TODAY);
    expect((await state(principal, application.id)).flags).toBe(0);
    const late = await subgraph.query<{ application: { legacyShutdownLate: boolean | null } }>(
      principal,
      `query($id: ID!) { application(id: $id) { legacyShutdownLate } }`,
      { id: application.id },
    );
    expect(late.errors).toBeUndefined();
    expect(late.data!.application.legacyShutdownLate).toBe(true);
  });
});
