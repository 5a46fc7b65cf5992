// One application at a time for a system (lifecycle/open-application.rules.ts): a second draft while
// the first is under way is refused and writes nothing; a system in production changes its resources
// by a change request (CHANGE_APPROVAL, 第十五条); once the first is discarded, rejected or terminated
// the system is applied for again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { userUnit, world } from '../../setup/principals';
import { freshSystemsIn } from '../../setup/fresh-systems';
import { expectRefused, mutate } from './lifecycle-helpers';
import { todayInChina } from '../../../subgraphs/kit/dates';

const TODAY = todayInChina();

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true, alongside: ['providers'] });
});

afterAll(async () => {
  await subgraph?.stop();
});

const unitOf = (unitId: string) => userUnit(world.units.find((unit) => unit.id === unitId)!);

async function applicationsOf(systemId: string): Promise<Array<{ number: string; status: string }>> {
  return subgraph.dataSource.query(`SELECT number, status FROM "applications"."application" WHERE system_id = $1 ORDER BY number`, [
    systemId,
  ]);
}

const create = (systemId: string, unitId: string) =>
  mutate(subgraph, unitOf(unitId), 'createApplication', 'input: $create', { create: { systemId, kind: 'NEW' } });

describe('one application at a time for a system', () => {
  it('a second draft while the first is open is refused on systemId, naming the first; once discarded, a new one is made', async () => {
    const system = freshSystemsIn(world, '371602')[0]!;
    const first = await create(system.id, system.unitId);
    expect(first.errors).toBeUndefined();
    const opened = await applicationsOf(system.id);
    expect(opened).toHaveLength(1);

    const second = await create(system.id, system.unitId);
    expectRefused(second, 'BAD_USER_INPUT');
    expect(second.errors![0]!.extensions).toMatchObject({ field: 'systemId' });
    expect(second.errors![0]!.message).toContain(opened[0]!.number);
    expect(await applicationsOf(system.id)).toEqual(opened);

    const { id, version } = first.data!.createApplication!;
    const discarded = await mutate(
      subgraph,
      unitOf(system.unitId),
      'discardApplicationDraft',
      'id: $id, version: $version, reason: $reason',
      {
        id,
        version,
        reason: '改由新的系统方案申请',
      },
    );
    expect(discarded.errors).toBeUndefined();
    const again = await create(system.id, system.unitId);
    expect(again.errors).toBeUndefined();
    expect((await applicationsOf(system.id)).map((row) => row.status)).toEqual(['DISCARDED', 'DRAFT']);
  });

  it('a system in production is refused a new application: its resources change by a change request (CHANGE_APPROVAL)', async () => {
    const live = world.applications.find((application) => application.state === 'IN_PRODUCTION')!;
    const before = await applicationsOf(live.systemId);
    const refused = await create(live.systemId, live.unitId);
    expectRefused(refused, 'RULE_VIOLATION', 'CHANGE_APPROVAL', '第十五条');
    expect(refused.errors![0]!.extensions).toMatchObject({ applicationId: live.id });
    expect(await applicationsOf(live.systemId)).toEqual(before);
  });

  it('a system whose application was rejected is applied for again', async () => {
    // One whose provider still takes applications at its level (DESIGNATED_PROVIDER, PROVIDER_QUALIFIED).
    const takesApplications = (providerId: string, regionCode: string) =>
      world.providers.some(
        (provider) => provider.id === providerId && provider.status === 'DESIGNATED' && provider.qualificationValidUntil >= TODAY,
      ) &&
      world.agreements.some(
        (agreement) => agreement.providerId === providerId && agreement.regionCode === regionCode && agreement.status === 'ACTIVE',
      );
    const rejected = world.applications.find(
      (application) => application.state === 'REJECTED' && takesApplications(application.providerId, application.regionCode),
    )!;
    expect(rejected).toBeDefined();
    const created = await create(rejected.systemId, rejected.unitId);
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  });
});
