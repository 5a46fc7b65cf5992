// LEGACY_3M (第十四条) through the gateway: a migrated system's old system switched off in time,
// recorded by its unit with evidence and confirmed by the centre, leaves no flag and no to-do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagOverdue } from '../../subgraphs/applications/todo/overdue-flag.service';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: true });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const RECORD = `mutation($input: LegacyShutdownInput!) { recordLegacyShutdown(input: $input) { shutdownOn dueOn late } }`;
const CONFIRM = `mutation($systemId: ID!, $version: Int) {
  confirmLegacyShutdown(systemId: $systemId, version: $version) { confirmedAt system { legacyShutdown { confirmedBy } } }
}`;
const VIEW = `query($id: ID!) {
  application(id: $id) { legacyOverdue system { legacyShutdownOn } }
  todoItems(first: 100, kind: SHUT_DOWN_LEGACY) { edges { node { application { id } } } }
}`;

interface View {
  application: { legacyOverdue: boolean; system: { legacyShutdownOn: string | null } };
  todoItems: { edges: Array<{ node: { application: { id: string } } }> };
}

describe('LEGACY_3M: the old system switched off in time', () => {
  it('recorded by the unit and confirmed by the centre: no overdue flag, no to-do', async () => {
    // Live since 2025-12-30, its old system still running past 2026-03-30 (seed/world/application-plan.ts).
    const application = stack.world.applications.find((candidate) => candidate.code === 'A-2025-0031')!;
    const unit = stack.world.units.find((candidate) => candidate.id === application.unitId)!;
    const asUnit = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const view = async () => {
      const result = await stack.query<View>(asUnit, VIEW, { id: application.id });
      expect(result.errors).toBeUndefined();
      const { application: seen, todoItems } = result.data!;
      return { ...seen, todo: todoItems.edges.filter((edge) => edge.node.application.id === application.id).length };
    };
    const flags = async () => {
      const [{ count }] = await stack.dataSources.applications.query(
        `SELECT count(*)::int AS count FROM applications.overdue_flag WHERE application_id = $1 AND rule = 'LEGACY_3M'`,
        [application.id],
      );
      return count as number;
    };
    // The hourly job's run, as it would find the case today.
    await flagOverdue(stack.dataSources.applications, '2026-11-26');
    expect(await flags()).toBe(1);
    expect(await view()).toEqual({ legacyOverdue: true, system: { legacyShutdownOn: null }, todo: 1 });

    const recorded = await stack.query(asUnit, RECORD, {
      input: { systemId: application.systemId, shutdownOn: '2026-03-20', evidenceReference: '原系统下线报告 YX-2026-031' },
    });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data).toEqual({ recordLegacyShutdown: { shutdownOn: '2026-03-20', dueOn: '2026-03-30', late: false } });

    // The unit corrects its evidence after the centre read version 1: confirming what it read is a CONFLICT.
    const corrected = await stack.query<{ recordLegacyShutdown: { version: number } }>(
      asUnit,
      `mutation($input: LegacyShutdownInput!) { recordLegacyShutdown(input: $input) { version } }`,
      { input: { systemId: application.systemId, shutdownOn: '2026-03-20', evidenceReference: '原系统下线报告 YX-2026-031（更正）' } },
    );
    expect(corrected.data).toEqual({ recordLegacyShutdown: { version: 2 } });
    const center = await stack.token({ role: 'CENTER' });
    const stale = await stack.query(center, CONFIRM, { systemId: application.systemId, version: 1 });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const confirmed = await stack.query<{ confirmLegacyShutdown: { system: { legacyShutdown: { confirmedBy: string } } } }>(
      center,
      CONFIRM,
      { systemId: application.systemId, version: 2 },
    );
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmLegacyShutdown.system.legacyShutdown.confirmedBy).toBeTruthy();

    expect(await view()).toEqual({ legacyOverdue: false, system: { legacyShutdownOn: '2026-03-20' }, todo: 0 });
    expect(await flags()).toBe(0);
    await flagOverdue(stack.dataSources.applications, '2026-11-26');
    expect(await flags()).toBe(0);
  });
});

describe('LEGACY_3M: the old system switched off late', () => {
  it('recorded by the unit: the flag and the to-do go, the lateness stays visible', async () => {
    const application = stack.world.applications.find((candidate) => candidate.code === 'A-2025-0031')!;
    const unit = stack.world.units.find((candidate) => candidate.id === application.unitId)!;
    const asUnit = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const db = stack.dataSources.applications;
    // The seeded case again (the test above recorded it in time): the old system still running.
    await db.query(`DELETE FROM applications.legacy_shutdown WHERE system_id = $1`, [application.systemId]);
    await db.query(`UPDATE applications.information_system SET legacy_shutdown_on = NULL WHERE id = $1`, [application.systemId]);
    await flagOverdue(db, '2026-11-26');
    const flags = async () =>
      (
        await db.query(`SELECT count(*)::int AS count FROM applications.overdue_flag WHERE application_id = $1 AND rule = 'LEGACY_3M'`, [
          application.id,
        ])
      )[0].count as number;
    expect(await flags()).toBe(1);

    const recorded = await stack.query(
      asUnit,
      `mutation($input: LegacyShutdownInput!) { recordLegacyShutdown(input: $input) { late daysLate } }`,
      {
        input: { systemId: application.systemId, shutdownOn: '2026-05-04', note: '原系统迟于期限下电' },
      },
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data).toEqual({ recordLegacyShutdown: { late: true, daysLate: 35 } });

    const seen = await stack.query<View & { application: { legacyShutdownLate: boolean | null } }>(
      asUnit,
      `query($id: ID!) {
        application(id: $id) { legacyOverdue legacyShutdownLate system { legacyShutdownOn } }
        todoItems(first: 100, kind: SHUT_DOWN_LEGACY) { edges { node { application { id } } } }
      }`,
      { id: application.id },
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.application).toEqual({ legacyOverdue: false, legacyShutdownLate: true, system: { legacyShutdownOn: '2026-05-04' } });
    expect(seen.data!.todoItems.edges.filter((edge) => edge.node.application.id === application.id)).toEqual([]);
    expect(await flags()).toBe(0);
    await flagOverdue(db, '2026-11-26');
    expect(await flags()).toBe(0);
  });
});
