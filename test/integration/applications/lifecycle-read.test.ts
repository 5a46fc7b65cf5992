import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, countyAuthority, BINCHENG, world } from '../../setup/principals';
import { APPLICATION_FIELDS, auditor, center, expectRefused, mutate, view, type ApplicationView } from './lifecycle-helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  // The bureau's accept asks security for the application's signed agreement (SECURITY_AGREEMENT), and providers whether its provider is exiting.
  subgraph = await startSubgraphForTest('applications', { seed: true, alongside: ['security', 'providers'] });
});

afterAll(async () => {
  await subgraph?.stop();
});

const byCode = (code: string) => world.applications.find((application) => application.code === code)!;

describe('DECISION_5WD', () => {
  it('two bureau users accepting at once: exactly one wins, the other gets CONFLICT', async () => {
    const application = byCode('A-2026-0005');
    const { version } = await view(subgraph, bureau, application.id);
    const accept = () => mutate(subgraph, bureau, 'acceptApplication', 'id: $id, version: $version', { id: application.id, version });
    const results = await Promise.all([accept(), accept()]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    const refused = results.filter((result) => result.errors);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.errors![0]!.extensions!.code).toBe('CONFLICT');
    const after = await view(subgraph, bureau, application.id);
    expect(after).toMatchObject({ status: 'ACCEPTED', version: version + 1 });
    expect(after.events.edges.filter((edge) => edge.node.action === 'ACCEPT')).toHaveLength(1);
  });

  it('lists undecided applications past their deadline and late decisions for the bureau only', async () => {
    const query = `{ overdueApplications(first: 100) { totalCount edges { node { number decisionOverdue decisionDeadline { date } } } } }`;
    const result = await subgraph.query<{
      overdueApplications: { totalCount: number; edges: Array<{ node: { number: string; decisionOverdue: boolean } }> };
    }>(bureau, query);
    expect(result.errors).toBeUndefined();
    const numbers = result.data!.overdueApplications.edges.map((edge) => edge.node.number);
    expect(numbers).toContain('A-2026-0006'); // submitted 2026-11-12, still undecided
    expect(numbers).toContain('A-2026-0015'); // decided after eight working days
    expect(numbers).not.toContain('A-2026-0007'); // submitted yesterday
    expect(result.data!.overdueApplications.edges.every((edge) => edge.node.decisionOverdue)).toBe(true);
    expectRefused(await subgraph.query(countyAuthority(BINCHENG), query), 'FORBIDDEN');
    expectRefused(await subgraph.query(center, query), 'FORBIDDEN');
  });

  it('a seeded application submitted on 2026-11-12 was due on 2026-11-19 and is overdue', async () => {
    expect(await view(subgraph, bureau, byCode('A-2026-0006').id)).toMatchObject({
      decisionDeadline: { date: '2026-11-19', estimated: false },
      decisionOverdue: true,
    });
  });
});

describe('TEST_30D', () => {
  it('flags a long test, with or without a recorded reason (the reason is shown, not a pass)', async () => {
    const flagged = await view(subgraph, bureau, byCode('A-2026-0028').id);
    expect(flagged.testPeriod).toMatchObject({ overdue: true, extensionReason: null });
    expect(flagged.testPeriod!.daysElapsed).toBeGreaterThan(30);
    const extended = await view(subgraph, bureau, byCode('A-2026-0027').id);
    expect(extended.testPeriod!.daysElapsed).toBeGreaterThan(30);
    expect(extended.testPeriod).toMatchObject({ overdue: true });
    expect(extended.testPeriod!.extensionReason).toBeTruthy();
  });

  it('recording a reason shows it with the flag, which stays, and is audited', async () => {
    const { id } = byCode('A-2026-0028');
    const { version } = await view(subgraph, bureau, id);
    const result = await mutate(subgraph, center, 'recordTestExtension', 'id: $id, version: $version, reason: $reason', {
      id,
      version,
      reason: '等保测评机构排期延后',
    });
    expect(result.errors).toBeUndefined();
    const after = await view(subgraph, auditor, id);
    expect(after.testPeriod).toMatchObject({ overdue: true, extensionReason: '等保测评机构排期延后' });
    expect(after.events.edges.at(-1)!.node).toMatchObject({
      action: 'RECORD_TEST_EXTENSION',
      actorRole: 'CENTER',
      fromStatus: 'TESTING',
      toStatus: 'TESTING',
    });
  });
});

describe('LEGACY_3M', () => {
  it('flags a migrated system whose old system still runs three months after go-live', async () => {
    expect(await view(subgraph, bureau, byCode('A-2025-0031').id)).toMatchObject({ legacyShutdownDue: '2026-03-30', legacyOverdue: true });
    expect(await view(subgraph, bureau, byCode('A-2025-0030').id)).toMatchObject({ legacyShutdownDue: '2025-11-06', legacyOverdue: false });
    expect(await view(subgraph, bureau, byCode('A-2025-0029').id)).toMatchObject({ legacyShutdownDue: null, legacyOverdue: false });
  });
});

describe('seeded lifecycle', () => {
  it('every application has an audit trail whose last step is its state, and version = events', async () => {
    const result = await subgraph.query<{ applications: { edges: Array<{ node: ApplicationView }> } }>(
      auditor,
      `{ applications(first: 100) { edges { node { ${APPLICATION_FIELDS} } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.applications.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(world.applications.length);
    for (const node of nodes) {
      expect(node.events.totalCount, node.number).toBe(node.version);
      expect(node.events.edges.at(-1)!.node.toStatus, node.number).toBe(node.status);
      if (node.status !== 'DRAFT') expect(node.materials.map((m) => m.kind).sort(), node.number).toHaveLength(4);
    }
    const statuses = (status: string) => nodes.filter((node) => node.changeRequests.edges.some((edge) => edge.node.status === status));
    for (const status of ['PENDING', 'APPROVED', 'REJECTED']) expect(statuses(status).length).toBeGreaterThan(0);
    expect(
      nodes
        .filter((node) => node.status === 'TERMINATING')
        .map((node) => node.terminationSteps.filter((step) => step.confirmed).length)
        .sort(),
    ).toEqual([0, 0, 1, 2]);
  });

  it('reads every child of 40 applications with the same statements as of the last 5', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const statementsFor = async (count: number) => {
      const representations = world.applications.slice(-count).map((application) => ({ __typename: 'Application', id: application.id }));
      counter.reset();
      const result = await subgraph.query<{ _entities: unknown[] }>(
        bureau,
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Application { ${APPLICATION_FIELDS} } } }`,
        { representations },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities.filter(Boolean)).toHaveLength(count);
      return counter.count;
    };
    const five = await statementsFor(5);
    const all = await statementsFor(world.applications.length);
    expect(all).toBe(five);
    // applications, systems (legacy), lines, materials, events, change requests, steps.
    expect(all).toBeLessThanOrEqual(7);
  });
});
