// EXIT_TRANSITION_3M through the providers subgraph's GraphQL API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { GovCloudError } from '../../../subgraphs/kit/errors';
import type { ExitMigrationProgress } from '../../../subgraphs/contracts/exit-migrations';
import { todayInChina } from '../../../subgraphs/kit/dates';
import { ProviderExitEntity } from '../../../subgraphs/providers/exits/provider-exit.entity';
import { completeProviderExit, startProviderExit } from '../../../subgraphs/providers/exits/provider-exit.service';
import { lockProvider } from '../../../subgraphs/providers/directory/provider.service';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BUREAU, CENTER, CMCC, CTYUN, UNICOM, county, expectErrorCode, expectNoErrors, expectRuleViolation, snapshot } from './helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const START = `mutation($input: ProviderExitInput!) { startProviderExit(input: $input) { id reason startedOn transitionEndsOn transitionDays shortTransitionReason status provider { id status acceptsNewApplications currentExit { id } } } }`;
const EXIT_STATE = `query($id: ID!) { providerExit(id: $id) { id status completedOn provider { status acceptsNewApplications currentExit { id } exits { totalCount } agreements(first: 100) { edges { node { status active } } } } } }`;
const COMPLETE = `mutation($id: ID!) { completeProviderExit(exitId: $id) { id status completedOn provider { status acceptsNewApplications currentExit { id } exits { totalCount } agreements(first: 100) { edges { node { status active } } } } } }`;

describe('EXIT_TRANSITION_3M', () => {
  it('a transition one day short of three months without a reason is refused; nothing changes', async () => {
    const before = await snapshot(subgraph.dataSource);
    const result = await subgraph.query(BUREAU, START, {
      input: { providerId: UNICOM, reason: 'EXPIRY', startedOn: '2026-12-01', transitionEndsOn: '2027-02-28' },
    });
    expectRuleViolation(result, 'EXIT_TRANSITION_3M', '第九条');
    expect(result.errors![0]!.extensions).toMatchObject({ minimumTransitionEndsOn: '2027-03-01' });
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('exactly three months starts the exit: the provider is EXITING and takes no new applications', async () => {
    const result = await subgraph.query<{ startProviderExit: { id: string } }>(BUREAU, START, {
      input: {
        providerId: UNICOM,
        reason: 'EXPIRY',
        startedOn: '2026-12-01',
        transitionEndsOn: '2027-03-01',
        shortTransitionReason: '（无需理由）',
      },
    });
    expectNoErrors(result);
    const exit = result.data!.startProviderExit;
    expect(exit).toEqual({
      id: expect.any(String),
      reason: 'EXPIRY',
      startedOn: '2026-12-01',
      transitionEndsOn: '2027-03-01',
      transitionDays: 90,
      shortTransitionReason: null,
      status: 'IN_TRANSITION',
      provider: { id: UNICOM, status: 'EXITING', acceptsNewApplications: false, currentExit: { id: exit.id } },
    });
  });

  it('a second open exit for the same provider is refused', async () => {
    const before = await snapshot(subgraph.dataSource);
    expectErrorCode(
      await subgraph.query(BUREAU, START, {
        input: { providerId: UNICOM, reason: 'OTHER', startedOn: '2026-12-02', transitionEndsOn: '2027-06-01' },
      }),
      'CONFLICT',
    );
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('a shorter transition records why', async () => {
    const result = await subgraph.query(BUREAU, START, {
      input: {
        providerId: CTYUN,
        reason: 'DISQUALIFIED',
        startedOn: '2026-12-01',
        transitionEndsOn: '2027-01-15',
        shortTransitionReason: '年度评价情况严重，取消服务资格',
      },
    });
    expectNoErrors(result);
    expect(result.data).toMatchObject({
      startProviderExit: { transitionDays: 45, shortTransitionReason: '年度评价情况严重，取消服务资格', provider: { status: 'EXITING' } },
    });
  });

  it('a candidate cannot exit, and dates must be real', async () => {
    expectErrorCode(
      await subgraph.query(BUREAU, START, {
        input: { providerId: CMCC, reason: 'OTHER', startedOn: '2026-12-01', transitionEndsOn: '2027-03-01' },
      }),
      'CONFLICT',
    );
    expectErrorCode(
      await subgraph.query(BUREAU, START, {
        input: { providerId: CMCC, reason: 'OTHER', startedOn: '2026-12-32', transitionEndsOn: '2027-03-01' },
      }),
      'BAD_USER_INPUT',
    );
  });

  it('an exit whose transition is already over, or that starts before the policy, is refused and changes nothing', async () => {
    const before = await snapshot(subgraph.dataSource);
    for (const [startedOn, transitionEndsOn, field] of [
      ['1999-01-01', '1999-05-02', 'startedOn'],
      ['2026-06-01', '2026-09-01', 'transitionEndsOn'],
      ['2026-08-26', '2026-11-26', 'transitionEndsOn'],
    ]) {
      const result = await subgraph.query(BUREAU, START, { input: { providerId: UNICOM, reason: 'OTHER', startedOn, transitionEndsOn } });
      expect(result.errors?.[0]?.extensions, `${startedOn}–${transitionEndsOn}`).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('an exit with migrations pending cannot complete (the applications subgraph supplies the count)', async () => {
    const exitId = await openExitOf(CTYUN);
    const before = await snapshot(subgraph.dataSource);
    const error = await subgraph.dataSource
      .transaction((manager) => completeExit(manager, exitId, { opened: true, total: 5, pending: 3 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GovCloudError);
    expect((error as GovCloudError).extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'EXIT_TRANSITION_3M',
      article: '第九条',
      pendingMigrationCount: 3,
    });
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('completing the exit when applications cannot be asked fails safe (SERVICE_UNAVAILABLE); nothing changes', async () => {
    // The applications subgraph is not running beside this one: its answer is unknown, never "none pending".
    const exitId = await openExitOf(UNICOM);
    const before = await snapshot(subgraph.dataSource);
    expectErrorCode(await subgraph.query(CENTER, COMPLETE, { id: exitId }), 'SERVICE_UNAVAILABLE');
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('completing the exit makes the provider EXITED and ends its agreements in force', async () => {
    const exitId = await openExitOf(UNICOM);
    await subgraph.dataSource.transaction((manager) => completeExit(manager, exitId, { opened: true, total: 4, pending: 0 }));
    const result = await subgraph.query(CENTER, EXIT_STATE, { id: exitId });
    expectNoErrors(result);
    const completed = result.data!.providerExit as {
      status: string;
      completedOn: string;
      provider: {
        status: string;
        acceptsNewApplications: boolean;
        currentExit: null;
        agreements: { edges: Array<{ node: { status: string; active: boolean } }> };
      };
    };
    expect(completed).toMatchObject({
      status: 'COMPLETED',
      completedOn: todayInChina(),
      provider: { status: 'EXITED', acceptsNewApplications: false, currentExit: null },
    });
    const statuses = completed.provider.agreements.edges.map((e) => e.node.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 'TERMINATED' || status === 'EXPIRED')).toBe(true);
    expect(completed.provider.agreements.edges.some((e) => e.node.active)).toBe(false);
    // A second completion is refused before anyone is asked about migrations.
    expectErrorCode(await subgraph.query(CENTER, COMPLETE, { id: exitId }), 'CONFLICT');
  });

  it('providerExits lists every exit, filtered by status', async () => {
    const query = `query($status: ProviderExitStatus) { providerExits(status: $status) { totalCount edges { node { status provider { id } } } } }`;
    const all = await subgraph.query<{ providerExits: { totalCount: number } }>(BUREAU, query);
    expect(all.data!.providerExits.totalCount).toBe(2);
    const open = await subgraph.query(county('371602'), query, { status: 'IN_TRANSITION' });
    expect(open.data).toEqual({
      providerExits: { totalCount: 1, edges: [{ node: { status: 'IN_TRANSITION', provider: { id: CTYUN } } }] },
    });
  });

  it('the exit service functions refuse the same as the API does', async () => {
    const error = await subgraph.dataSource
      .transaction((manager) =>
        lockProvider(manager, CMCC).then((cmcc) =>
          startProviderExit(
            manager,
            cmcc,
            { reason: 'OTHER', startedOn: '2026-12-01', transitionEndsOn: '2027-01-01', shortTransitionReason: null },
            { subject: 'x' },
          ),
        ),
      )
      .catch((e: unknown) => e);
    expect((error as GovCloudError).extensions?.code).toBe('CONFLICT');
  });
});

/** The service as the mutation runs it, with the applications subgraph's answer given. */
async function completeExit(manager: EntityManager, exitId: string, progress: ExitMigrationProgress) {
  const exit = await manager.findOneOrFail(ProviderExitEntity, { where: { id: exitId }, lock: { mode: 'pessimistic_write' } });
  return completeProviderExit(manager, exit, { subject: 'center' }, todayInChina(), async () => progress);
}

async function openExitOf(providerId: string): Promise<string> {
  const result = await subgraph.query<{ provider: { currentExit: { id: string } } }>(
    BUREAU,
    `query($id: ID!) { provider(id: $id) { currentExit { id } } }`,
    { id: providerId },
  );
  return result.data!.provider.currentExit.id;
}
